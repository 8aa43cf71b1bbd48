"""Great-circle distances between schools."""

from __future__ import annotations

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "km_matrix", "km_pairs"]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def km_matrix(
    lat_a: np.ndarray, lon_a: np.ndarray, lat_b: np.ndarray, lon_b: np.ndarray
) -> np.ndarray:
    """Haversine distance in km between every point a (rows) and every point b (columns).

    >>> round(float(km_matrix(np.array([32.0]), np.array([120.9]),
    ...                       np.array([32.0]), np.array([121.9]))[0, 0]), 1)
    94.3
    """
    la, lo = np.radians(lat_a)[:, None], np.radians(lon_a)[:, None]
    lb, lob = np.radians(lat_b)[None, :], np.radians(lon_b)[None, :]
    h = np.sin((lb - la) / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin((lob - lo) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def km_pairs(
    lat_a: np.ndarray, lon_a: np.ndarray, lat_b: np.ndarray, lon_b: np.ndarray
) -> np.ndarray:
    """Haversine distance in km between a[i] and b[i], element by element.

    >>> round(float(km_pairs(np.array([32.0]), np.array([120.9]),
    ...                      np.array([32.0]), np.array([121.9]))[0]), 1)
    94.3
    """
    la, lb = np.radians(lat_a), np.radians(lat_b)
    dlat, dlon = lb - la, np.radians(lon_b) - np.radians(lon_a)
    h = np.sin(dlat / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
