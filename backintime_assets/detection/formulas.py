"""A chemical formula written as a column's name ("CO2", "H2O", "NO2", "PM25"): a measured substance."""
from __future__ import annotations

import re

_ELEMENTS = frozenset("""H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se
                         Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb
                         Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm
                         Bk Cf Es Fm Md No Lr""".split())
# A count after an element: one or two digits, never led by a zero. Particulate matter's "PM25", "PM10" read
# as one (promethium's symbol), as the air-quality exports that write it so mean nothing else by it.
_COUNT = re.compile(r"[1-9]\d?")


def chemical_formula(name: str) -> bool:
    """Whether `name`, in any case, is elements' symbols each with an optional count, one at least: "CO2",
    "H2O", "CH4", "PM25". Not a series' id of letters none of which begin an element's symbol there ("DGS10",
    "GS10", "DTB3", "M2SL") nor one with a count of three digits ("SP500", "NIKKEI225")."""
    text = name.strip()
    if not text.isalnum() or not any(c.isdigit() for c in text):
        return False
    reached, ends = {0}, len(text)
    for at in range(ends):
        if at not in reached:
            continue
        for size in (1, 2):
            symbol = text[at:at + size]
            if len(symbol) == size and symbol.capitalize() in _ELEMENTS:
                after = at + size
                reached.add(after)
                count = _COUNT.match(text, after)
                if count:
                    reached.update(range(after + 1, count.end() + 1))
    return ends in reached
