"""Chinese names for generated people and places (vectorised; seeded)."""

from __future__ import annotations

import numpy as np

__all__ = ["person_names", "place_names"]

_SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严武戴孔汤缪季瞿"
)
# Frequent surnames first: draw with a falling weight, as in real rosters.
_SURNAME_P = 1 / np.arange(1, len(_SURNAMES) + 1) ** 0.7
_SURNAME_P /= _SURNAME_P.sum()
_GIVEN_F = list("秀英华芳敏静丽娟艳玲霞燕红梅琴云莉萍婷雪慧倩颖洁佳欣怡晶蓉丹凤琳")
_GIVEN_M = list("伟强军磊洋勇杰涛明超斌刚平辉鹏华飞鑫波宇浩凯健俊峰建国志文东海林")
_PLACE_A = list("东西南北新丰永长兴安平石双河金白太九三大小高余马李张王")
_PLACE_B = list("港庄桥河坝湾洋集店园圩岗沟埭灶堡墩甸泾渡")


def person_names(rng: np.random.Generator, female: np.ndarray) -> np.ndarray:
    """One name per entry of the boolean array ``female``: surname + one or two characters."""
    n = len(female)
    surname = rng.choice(_SURNAMES, size=n, p=_SURNAME_P)
    first = np.where(female, rng.choice(_GIVEN_F, size=n), rng.choice(_GIVEN_M, size=n))
    second = np.where(female, rng.choice(_GIVEN_F, size=n), rng.choice(_GIVEN_M, size=n))
    two = rng.random(n) < 0.7
    given = np.where(two, np.char.add(first, second), first)
    return np.char.add(surname, given)


def place_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct two-character place names (镇/村 stems)."""
    pool = [a + b for a in _PLACE_A for b in _PLACE_B]
    order = rng.permutation(len(pool))
    return [pool[i] for i in order[: min(n, len(pool))]]
