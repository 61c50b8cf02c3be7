"""DfE SSDA903 validation rules that the children-looked-after indicators depend on.

Rule ids are the DfE codes (903_2024_25_rule_info.csv); messages are our own plain English.
Every rule is a vectorised mask over a whole table; the collection year of each row comes
from its ``YEAR`` column (year ending 31 March), and year-bound rules skip rows without one.
"""

from __future__ import annotations

import pandas as pd

from lineofsight.returns.checks import emit
from lineofsight.returns.findings import Batch, Findings, Severity

ERROR, QUERY = Severity.ERROR, Severity.QUERY
CONTINUATION = ("P", "B", "T", "U")
ADOPTED = ("E11", "E12")
KEY = ["YEAR", "CHILD"]

# table -> (child not in header, DOB differs from header, child repeated) rule codes
_INTEGRITY = {
    "ad1": ("INT01", "INT11", "INT31"),
    "placed_for_adoption": ("INT02", "INT12", None),
    "episodes": ("INT03", None, None),
    "missing": ("INT04", "INT13", None),
    "oc2": ("INT05", "INT14", "INT33"),
    "oc3": ("INT06", "INT15", "INT34"),
    "previous_permanence": ("INT07", "INT16", "INT35"),
    "reviews": ("INT08", "INT17", None),
    "uasc": ("INT09", "INT18", "INT36"),
    "header": (None, None, "INT32"),
}


def _f(df: pd.DataFrame, mask: pd.Series, rule: str, field: str | None, msg: str,
       sev: Severity = ERROR, value: str | None = None) -> Batch:  # fmt: skip
    return emit(df, mask, rule, sev, field, msg, "CHILD", value)


def _year_end(df: pd.DataFrame) -> pd.Series:
    years = df["YEAR"].astype("Float64")
    return pd.to_datetime(
        years.astype("Int64").astype("string") + "-03-31", format="%Y-%m-%d", errors="coerce"
    ).astype("datetime64[ns]")


def _dob(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    head = tables["header"]
    return head.drop_duplicates(KEY)[[*KEY, "DOB", "SEX"]].rename(
        columns={"DOB": "_DOB", "SEX": "_SEX"}
    )


def _with_dob(df: pd.DataFrame, dob: pd.DataFrame) -> pd.DataFrame:
    """``df`` plus the header's _DOB and _SEX (and any other columns of ``dob``) per child."""
    lookup = dob.assign(YEAR=dob["YEAR"].fillna(0)).dropna(subset=KEY).set_index(KEY)
    found = lookup.reindex(pd.MultiIndex.from_frame(df[KEY].fillna({"YEAR": 0})))
    out = df.copy()
    for col in found.columns:
        out[col] = found[col].to_numpy()
    return out


def episodes(tables: dict[str, pd.DataFrame]) -> Findings:
    ep = tables["episodes"]
    if ep.empty:
        return Findings()
    e = _with_dob(ep, _dob(tables)).sort_values([*KEY, "DECOM"], kind="stable")
    same_prev = (e["CHILD"] == e["CHILD"].shift()) & (e["YEAR"] == e["YEAR"].shift())
    same_prev = same_prev.fillna(False).astype(bool)
    same_next = same_prev.shift(-1, fill_value=False).astype(bool)
    prev_dec = e["DEC"].shift().where(same_prev)
    prev_open = same_prev & e["DEC"].shift().isna() & e["DECOM"].shift().notna()
    next_decom = e["DECOM"].shift(-1).where(same_next)
    end = _year_end(e)
    age_start = (e["DECOM"] - e["_DOB"]).dt.days / 365.25
    age_end = (e["DEC"] - e["_DOB"]).dt.days / 365.25
    out = Findings()
    out += _f(
        e,
        e["DEC"] < e["DECOM"],
        "356",
        "DEC",
        "The episode ends before it starts (DEC before DECOM); correct one of the dates.",
    )
    out += _f(
        e,
        e["DEC"] == e["DECOM"],
        "355",
        "DEC",
        "The episode starts and ends on the same day; check it is not a duplicate.",
        QUERY,
    )
    out += _f(
        e,
        e["DEC"].isna() != e["REC"].isna(),
        "148",
        "REC",
        "DEC and REC must both be filled in or both blank; complete or clear the other.",
    )
    out += _f(
        e,
        same_prev & (e["DECOM"] < prev_dec),
        "501",
        "DECOM",
        "This episode starts before the child's previous episode ended (overlapping "
        "episodes); correct DECOM or the previous DEC.",
    )
    out += _f(
        e,
        prev_open.shift(-1, fill_value=False).astype(bool),
        "142",
        "DEC",
        "A later episode starts for this child but this one has no end date; add DEC and REC.",
    )
    out += _f(
        e,
        (e["REC"] == "X1")
        & e["DEC"].notna()
        & (e["DEC"] <= end)
        & ~(same_next & (next_decom == e["DEC"])),
        "388",
        "REC",
        "REC is X1 (episode continues) but no episode starts on the day this one ends; "
        "add the next episode or correct REC.",
    )
    out += _f(
        e,
        e["RNE"].isin(CONTINUATION).fillna(False)
        & same_prev
        & prev_dec.notna()
        & (e["DECOM"] != prev_dec),
        "433",
        "RNE",
        "RNE says this continues the previous episode, but it does not start on the day "
        "that one ended; correct RNE or the dates.",
    )
    out += _f(
        e,
        (e["RNE"] == "S") & same_prev & (e["DECOM"] == prev_dec),
        "431",
        "RNE",
        "RNE is S (started to be looked after) but the previous episode ended the same "
        "day; use a continuation code (P, B, T or U) or correct the dates.",
    )
    out += _f(
        e,
        e["DEC"] > end,
        "385",
        "DEC",
        "DEC is after the end of the collection year (31 March); leave it blank if the "
        "episode was still open.",
        value="DEC",
    )
    out += _f(
        e,
        e["DECOM"] > end,
        "354",
        "DECOM",
        "DECOM is after the end of the collection year (31 March); remove the episode "
        "from this year's return.",
    )
    out += _f(
        e,
        e["DECOM"] < e["_DOB"],
        "302",
        "DECOM",
        "The episode starts before the child's date of birth; correct DECOM or DOB.",
    )
    out += _f(
        e,
        (e["RNE"] == "S") & (age_start >= 18),
        "352",
        "RNE",
        "The child started to be looked after aged 18 or over; check DOB and DECOM.",
    )
    out += _f(
        e,
        e["REC"].isin(ADOPTED).fillna(False) & (age_end >= 18),
        "386",
        "REC",
        "REC says adopted but the child was 18 or over; check REC and DOB.",
    )
    return out


# Placements that take no provider (DfE 178): placed with parents or others with parental
# responsibility, in the community, or in a temporary/other setting (Z1 to 2023, Z11-Z14 after).
# From the 2025-26 return the list is T0-T3 and Z11-Z14: a T4 placement may name a provider (as
# the 2025-26 rules of Data to Insight's validator have it; docs/peer-comparison.md, D).
NO_PROVIDER = ("T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14")
NO_PROVIDER_FROM_2026 = ("T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14")
# 503A-503F: the first episode of a year must carry on the open episode that ended last year's
# return. (503G-503J compare derived fields, distance and placement LA/location, that the return
# itself does not hold, so they are not implemented.)
CARRIED_ON = {
    "RNE": ("503A", "reason for new episode (RNE)"),
    "LS": ("503B", "legal status (LS)"),
    "CIN": ("503C", "category of need (CIN)"),
    "PLACE": ("503D", "placement type (PLACE)"),
    "PLACE_PROVIDER": ("503E", "placement provider (PLACE_PROVIDER)"),
    "URN": ("503F", "Ofsted URN"),
}


def place_provider(tables: dict[str, pd.DataFrame]) -> Findings:
    """178, the half the code list does not cover: a provider given for a placement that takes
    none (the code-list half is checked with the other code sets)."""
    ep = tables["episodes"]
    if ep.empty:
        return Findings()
    given = ep["PLACE_PROVIDER"].notna() & (ep["PLACE_PROVIDER"].str.strip() != "")
    recent = (ep["YEAR"] >= 2026).fillna(False)
    takes_none = ep["PLACE"].isin(NO_PROVIDER).fillna(False) & ~recent
    takes_none |= ep["PLACE"].isin(NO_PROVIDER_FROM_2026).fillna(False) & recent
    return Findings(
        [
            _f(
                ep,
                given & takes_none,
                "178",
                "PLACE_PROVIDER",
                "PLACE_PROVIDER '{value}' is filled in, but this placement type takes no provider "
                "(T0-T3 and Z11-Z14; before the 2025-26 return, T4 and Z1 too); clear PLACE_PROVIDER "
                "or correct PLACE.",
                value="PLACE_PROVIDER",
            )
        ]
    )


def previous_year(tables: dict[str, pd.DataFrame]) -> Findings:
    """502, 503A-F and XYEAR01, when the previous year's return is loaded too.

    XYEAR01 (ours, after DfE's cross-year checks): a child whose last episode was open at the end
    of year Y-1's return is missing from year Y's return; their figures for Y would otherwise rest
    on the earlier return alone, without notice.

    A child whose last episode in year Y-1's return was still open at 31 March must start year
    Y's return with that same episode: the same DECOM (502) and the same RNE, LS, CIN, PLACE,
    PLACE_PROVIDER and URN (503A-F; two blanks agree). From 2024 an H5 placement may carry on as
    K3, which replaced it. The finding points at the child's first episode in year Y.
    """
    ep = tables["episodes"]
    if ep.empty:
        return Findings()
    e = ep[ep["YEAR"].notna() & ep["DECOM"].notna() & ep["CHILD"].notna()]
    e = e.sort_values(["CHILD", "YEAR", "DECOM"], kind="stable")
    first = e.drop_duplicates(["CHILD", "YEAR"], keep="first")
    last = e.drop_duplicates(["CHILD", "YEAR"], keep="last")
    open_last = last[last["DEC"].isna()]
    if first.empty or open_last.empty:
        return Findings()
    out = Findings()
    # a child still looked after at the end of one year's return must be in the next year's
    years = set(e["YEAR"].dropna().astype(int))
    nxt = open_last["YEAR"].astype(int) + 1
    present = pd.MultiIndex.from_arrays([first["CHILD"], first["YEAR"].astype(int)])
    there = pd.MultiIndex.from_arrays([open_last["CHILD"], nxt]).isin(present)
    gone = pd.Series(nxt.isin(years).to_numpy() & ~there, index=open_last.index)
    out += _f(
        open_last,
        gone,
        "XYEAR01",
        "CHILD",
        "This child's last episode was still open at the end of this year's return, but the "
        "next year's return, loaded too, has no episode for them; the episode carries on, so "
        "add it to next year's return (or close it here if the child ceased to be looked after).",
        QUERY,
    )
    fields = [f for f in ["DECOM", *CARRIED_ON] if f in e.columns]
    before = open_last[["CHILD", "YEAR", *fields]].rename(columns={f: f"{f}_PRE" for f in fields})
    before = before.assign(YEAR=before["YEAR"] + 1)
    m = first.merge(before, on=["CHILD", "YEAR"], how="inner")
    if m.empty:
        return out
    out += _f(
        m,
        m["DECOM"] != m["DECOM_PRE"],
        "502",
        "DECOM",
        "Last year's return ended with an open episode for this child, but this year's first "
        "episode starts on a different date; the first episode should be that open episode.",
    )
    for field, (rule, label) in CARRIED_ON.items():
        if field not in m.columns:
            continue
        now = m[field].astype("string").fillna("")
        pre = m[f"{field}_PRE"].astype("string").fillna("")
        differ = now != pre
        if field == "PLACE":
            differ &= ~((pre == "H5") & (now == "K3") & (m["YEAR"] >= 2024))
        out += _f(
            m,
            differ,
            rule,
            field,
            f"The {label} of this year's first episode differs from the open episode at the "
            "end of last year's return; the episode carries on, so they should match.",
        )
    return out


def header(tables: dict[str, pd.DataFrame]) -> Findings:
    h = tables["header"]
    if h.empty:
        return Findings()
    end = _year_end(h)
    mother = h["MOTHER"]
    male = h["SEX"].isin(["1", "M"]).fillna(False)
    out = Findings()
    out += _f(
        h,
        h["DOB"] > end,
        "301",
        "DOB",
        "The date of birth is after the end of the collection year; correct DOB.",
        value="DOB",
    )
    out += _f(
        h,
        (mother == "1") & h["MC_DOB"].isna(),
        "611",
        "MC_DOB",
        "MOTHER is 1 but the date of birth of the mother's child (MC_DOB) is blank; add it.",
    )
    out += _f(
        h,
        h["MC_DOB"].notna() & (mother != "1").fillna(True),
        "612",
        "MOTHER",
        "MC_DOB is filled in but MOTHER is not 1; set MOTHER to 1 or clear MC_DOB.",
    )
    out += _f(
        h,
        h["MC_DOB"].notna() & male,
        "174",
        "MC_DOB",
        "MC_DOB is filled in but SEX says the child is male; correct SEX or MC_DOB.",
    )
    return out


def integrity(tables: dict[str, pd.DataFrame]) -> Findings:
    """Children missing from the header, dates of birth that disagree, and repeated children."""
    dob = _dob(tables)
    header_years = set(dob["YEAR"].fillna(0).astype(int))
    out = Findings()
    for table, (missing_rule, dob_rule, dup_rule) in _INTEGRITY.items():
        df = tables.get(table)
        if df is None or df.empty:
            continue
        if missing_rule:
            m = _with_dob(df, dob.assign(_in=True))
            absent = m["_in"].isna() & m["YEAR"].fillna(0).isin(header_years)
            first = ~df.duplicated(KEY)
            out += _f(
                df,
                absent & first,
                missing_rule,
                "CHILD",
                f"This child is in the {table} table but not in the header table; add "
                "the child to the header or correct CHILD.",
            )
            if dob_rule and "DOB" in df:
                differ = m["_DOB"].notna() & df["DOB"].notna() & (m["_DOB"] != df["DOB"])
                out += _f(
                    df,
                    differ,
                    dob_rule,
                    "DOB",
                    f"DOB in the {table} table differs from the header's; make them agree.",
                    value="DOB",
                )
        if dup_rule:
            out += _f(
                df,
                df.duplicated(KEY, keep="first") & df["CHILD"].notna(),
                dup_rule,
                "CHILD",
                f"This child appears more than once in the {table} table; keep "
                "one record per child.",
            )
    return out


def other_tables(tables: dict[str, pd.DataFrame]) -> Findings:
    out = Findings()
    mis = _with_dob(tables["missing"], _dob(tables))
    if not mis.empty:
        end = _year_end(mis)
        out += _f(
            mis,
            mis["MIS_END"] < mis["MIS_START"],
            "567",
            "MIS_END",
            "The missing/away period ends before it starts; correct MIS_START or MIS_END.",
        )
        out += _f(
            mis,
            mis["MIS_START"] < mis["_DOB"],
            "586",
            "MIS_START",
            "The missing/away period starts before the child was born; correct the dates.",
        )
        out += _f(
            mis,
            mis["MIS_START"] > end,
            "570",
            "MIS_START",
            "The missing/away period starts after the end of the collection year; remove "
            "it from this year's return.",
        )
    ua = tables["uasc"]
    if not ua.empty:
        eighteen = ua["DOB"] + pd.DateOffset(years=18)
        out += _f(
            ua,
            ua["DUC"] > eighteen,
            "304",
            "DUC",
            "The date UASC status ceased is after the child's 18th birthday; it must be on "
            "or before it.",
            value="DUC",
        )
    oc2 = tables["oc2"]
    if not oc2.empty:
        out += _f(
            oc2,
            (oc2["SDQ_SCORE"] < 0) | (oc2["SDQ_SCORE"] > 40),
            "180",
            "SDQ_SCORE",
            "SDQ_SCORE '{value}' is outside 0 to 40; correct it.",
            value="SDQ_SCORE",
        )
    ad1 = tables["ad1"]
    if not ad1.empty:
        out += _f(
            ad1,
            ad1["DATE_INT"] > ad1["DATE_MATCH"],
            "333",
            "DATE_INT",
            "The decision that the child should be placed for adoption (DATE_INT) is after "
            "the match with adopters (DATE_MATCH); correct one of them.",
        )
    pa = tables["placed_for_adoption"]
    if not pa.empty:
        out += _f(
            pa,
            pa["DATE_PLACED"] > pa["DATE_PLACED_CEASED"],
            "522",
            "DATE_PLACED",
            "DATE_PLACED is after DATE_PLACED_CEASED; correct one of them.",
        )
        out += _f(
            pa,
            pa["DATE_PLACED_CEASED"].isna() != pa["REASON_PLACED_CEASED"].isna(),
            "119",
            "REASON_PLACED_CEASED",
            "DATE_PLACED_CEASED and REASON_PLACED_CEASED must both be filled in or both blank.",
        )
    sw = tables["sw_episodes"]
    if not sw.empty:
        prefix = sw["SW_ID"].str.upper().str[:2]
        out += _f(
            sw,
            sw["SW_ID"].notna() & ~prefix.isin(["SW", "XX"]).fillna(False),
            "SW02STG1",
            "SW_ID",
            "SW_ID '{value}' must begin with SW (or XX if not known).",
            value="SW_ID",
        )
        s = sw.sort_values([*KEY, "SW_DECOM"], kind="stable")
        same = (s["CHILD"] == s["CHILD"].shift()) & (s["YEAR"] == s["YEAR"].shift())
        same = same.fillna(False).astype(bool)
        out += _f(
            s,
            same & (s["SW_DECOM"] < s["SW_DEC"].shift()),
            "SW10STG2",
            "SW_DECOM",
            "This social worker episode starts before the previous one ended; correct the dates.",
        )
    return out


def validate(tables: dict[str, pd.DataFrame]) -> Findings:
    """All 903 rule findings for tables produced by :func:`lineofsight.returns.ssda903.read.read`."""
    return Findings(
        [
            episodes(tables),
            place_provider(tables),
            previous_year(tables),
            header(tables),
            integrity(tables),
            other_tables(tables),
        ]
    )
