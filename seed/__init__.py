"""The generated demo city and the reference tables it is seeded with."""
