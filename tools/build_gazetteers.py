#!/usr/bin/env python3
"""Rebuild the generated gazetteers in schema/gazetteers/ from the openly licensed data in ../shared/data.

usage: python3 tools/build_gazetteers.py [--data ../shared/data] [--out schema/gazetteers]

Generated files (each starts with a comment naming its sources and license):
  countries.tsv          CIA World Factbook (public domain) + countries gem (MIT)
  organizations.tsv      CIA World Factbook appendix B (public domain)
  leaders.tsv            CIA World Factbook leaders 2015-2026 (public domain)
  subdivisions.tsv       countries gem subdivisions (MIT)
  aircraft.openflights.tsv  OpenFlights planes.dat (ODbL 1.0, kept as a separate data file)
  cities.openflights.tsv    OpenFlights airports.dat cities (ODbL 1.0, kept as a separate data file)
Hand-made files (aliases.tsv, places.tsv) are not touched.
Only the Python standard library is used; the output is deterministic.
"""
import argparse
import csv
import gzip
import os
import re
import unicodedata

HEADER = "name\ttype\taliases\tdemonyms\tmetonyms\tcapital\tcountry\n"

# Not sovereign states in the Factbook's list but treated as countries in news.
EXTRA_SOVEREIGN = {"TW", "XK", "VA"}
# Factbook entries that are not places at all.
SKIP_GEC = {"xx", "ee", "oo", "xq", "zh", "zn", "xo", "ay"}  # world, EU, oceans, Antarctica
NAME_FIXES = {
    "CG": "Republic of the Congo",
    "CD": "Democratic Republic of the Congo",
    "VA": "Vatican City",
    "BS": "Bahamas",
    "GM": "Gambia",
    "MM": "Myanmar",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "SZ": "Eswatini",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "MK": "North Macedonia",
    "AE": "United Arab Emirates",
    "FM": "Micronesia",
}


def clean(s):
    s = re.sub(r"\s+", " ", s or "").strip()
    return "" if s.lower() in ("none", "") else s


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def split_names(field):
    """'US or USA' / 'DRC (or DROC)' / 'Briton(s), British (collective plural)' -> names."""
    out = []
    field = re.sub(r"\((singular and plural|collective plural|plural)\)", "", field)
    field = re.sub(r"\(or ([^)]*)\)", r" or \1", field)
    field = re.sub(r"\([^)]*\)", " ", field)  # "(German)", "(aka ...)": notes, not names
    for part in re.split(r",| or |;|/", field):
        part = clean(part)
        if not part or part.lower().startswith("note"):
            continue
        if part.endswith("(s") or part.endswith("(s)"):
            part = part.split("(")[0]
        if "(s" in part:
            base = part.split("(")[0]
            out += [base, base + "s"]
            continue
        out.append(part)
    return [p for p in out if p and p[0].isupper()]


def demonym_forms(noun, adj):
    forms = []
    for field in (adj, noun):
        for part in re.split(r",| or |;|/", re.sub(r"\([^)]*plural[^)]*\)", "", field or "")):
            part = clean(part)
            if not part or not part[0].isupper() or part.lower().startswith("note"):
                continue
            m = re.match(r"^(.*)\(s\)$", part)
            if m:
                forms += [clean(m.group(1)), clean(m.group(1)) + "s"]
            else:
                forms.append(re.sub(r"\s*\(.*$", "", part))
    return [f for f in forms if f and len(f) > 2]


def capital_name(field):
    field = clean(field)
    if not field:
        return ""
    first = re.split(r"[;(]", field)[0]
    first = first.split(",")[0]
    return clean(first)


def title_case_surname(name):
    """'Vladimir PUTIN' -> 'Vladimir Putin'; 'WILLEM-ALEXANDER' -> 'Willem-Alexander'."""
    def fix(word):
        if word.isupper() and len(word) > 1:
            return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        return word
    return " ".join(fix(w) for w in name.split())


def write(path, comment, rows):
    rows = sorted(set(rows))
    with open(path, "w", encoding="utf-8") as fh:
        for line in comment.strip().splitlines():
            fh.write("# " + line + "\n")
        fh.write(HEADER)
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"{path}: {len(rows)} rows")


def countries(data, common):
    gem = {}
    with open(os.path.join(data, "gazetteer_countries_gem/countries_compact.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gem[row["alpha2"]] = row
    rows, names = [], {}
    demonym_owner = {}
    entries = []
    with open(os.path.join(data, "gazetteer_factbook/derived/factbook_countries.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            iso, gec = row["iso2"], row["gec"]
            if gec in SKIP_GEC or not iso:
                continue
            g = gem.get(iso, {})
            sovereign = g.get("un_member") == "True" or iso in EXTRA_SOVEREIGN
            short = clean(row["short"])
            name = NAME_FIXES.get(iso) or (short if short and not re.search(r"[(),]", short) else "")
            if not name:
                name = clean(g.get("iso_short_name", "")) or clean(row["long"])
            name = re.sub(r"^The ", "", name)
            aliases = set()
            for field in (row["short"], row["long"], row["local_short"], row["abbreviation"], row["former"],
                          g.get("iso_short_name", ""), g.get("iso_long_name", "")):
                for a in split_names(field.split(";")[0] if field else ""):
                    a = re.sub(r"^The ", "", a)
                    if (a != name and len(a) > 1 and ascii_fold(a) == a and not re.search(r"[(),]", a)
                            and not re.search(r"\b(of|the)$", a)):
                        aliases.add(a)
            if short and short != name and not re.search(r"[(),]", short):
                aliases.add(re.sub(r"^The ", "", short))
            dem = set(demonym_forms(row["nationality_noun"], row["nationality_adj"]))
            if g.get("nationality"):
                dem |= set(demonym_forms(g["nationality"], ""))
            # "-ia" names make "-ian" adjectives that the sources leave out ("Somalian")
            if name.endswith("ia") and sovereign:
                dem |= {name + "n", name + "ns"}
            dem = {d for d in dem if d not in (name, "none") and ascii_fold(d) == d}
            capital = capital_name(row["capital"])
            entries.append([name, "Country" if sovereign else "Location", aliases, dem, capital, iso])
            for d in dem:
                demonym_owner.setdefault(d, []).append((sovereign, name))
    # a demonym shared by several entries stays only with the one sovereign state that has it
    for e in entries:
        keep = set()
        for d in e[3]:
            owners = demonym_owner[d]
            sovereign_owners = [n for s, n in owners if s]
            if len(owners) == 1 or (len(sovereign_owners) == 1 and sovereign_owners[0] == e[0]):
                keep.add(d)
        e[3] = keep
    # an alias that is some country's demonym, or shared by several entries ("Korea", "Congo"),
    # names none of them
    all_demonyms = {d for e in entries for d in e[3]}
    for e in entries:
        e[2] = {a for a in e[2] if a not in all_demonyms}
    alias_count = {}
    for e in entries:
        for a in e[2]:
            alias_count[a] = alias_count.get(a, 0) + 1
    for e in entries:
        # an alias that is also a common English word ("Island" for Iceland) names nothing
        e[2] = {a for a in e[2] if alias_count[a] == 1 and (a.isupper() or a.lower() not in common)}
    for name, etype, aliases, dem, capital, iso in entries:
        rows.append((name, etype, "|".join(sorted(aliases)), "|".join(sorted(dem)), "", capital if etype == "Country" else "", ""))
    write(os.path.join(OUT, "countries.tsv"),
          "Generated by tools/build_gazetteers.py from ../shared/data/gazetteer_factbook (CIA World Factbook, public domain)\n"
          "and ../shared/data/gazetteer_countries_gem (countries gem, MIT, Copyright (c) 2012-2022 hexorx, rposborne, pmor).\n"
          "Do not edit: add aliases in aliases.tsv instead.", rows)
    return {e[5]: e[0] for e in entries if e[1] == "Country"}


def organizations(data):
    rows = []
    with open(os.path.join(data, "gazetteer_factbook/derived/intl_orgs_appendixB_2018.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["is_organization_guess"] != "yes":
                continue
            name = clean(re.sub(r"\s*\(.*?\)", "", row["name"]))
            abbr = clean(row["abbreviation"])
            if not name or not name[0].isupper():
                continue
            aliases = [a for a in split_names(abbr) if a != name and len(a) > 1]
            rows.append((name, "Organization", "|".join(sorted(set(aliases))), "", "", "", ""))
    write(os.path.join(OUT, "organizations.tsv"),
          "Generated by tools/build_gazetteers.py from ../shared/data/gazetteer_factbook/derived/intl_orgs_appendixB_2018.tsv\n"
          "(CIA World Factbook appendix B, public domain). Do not edit: add aliases in aliases.tsv instead.", rows)


TITLE_WORDS = r"^(?:(?:Acting|Interim|Transitional|Executive|Co-|First|Federal|Supreme|Grand|Crown|Governor[- ]General|Governor|President|Prime|Chief|Vice|Deputy|State|Minister|Chairman|Chairwoman|Chancellor|King|Queen|Emir|Sultan|Amir|Prince|Princess|Grand Duke|Head|Leader|Premier|Captain|Regent|Supreme|Council|of|the|Government|Sovereign|Co-Prince|Administrator|Commissioner|Mayor|Taoiseach|Pope|Emperor|Shaykh|Sheikh|Sheikha|Tanaiste|Chief|Executive)\s+)+"


def leaders(data, iso_names):
    rows = set()
    for fname in ("factbook_leaders.tsv", "factbook_leaders_history.tsv"):
        with open(os.path.join(data, "gazetteer_factbook/derived", fname), encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                country = iso_names.get(row["iso2"])
                if not country:
                    continue
                text = row["title_and_name"]
                # the name is the run of words from the first word that is not a title word
                for part in re.split(r";|, | and ", text):
                    part = clean(re.sub(r"\(.*?\)", "", part))
                    m = re.search(r"([A-Z][a-z'.-]+(?:\s+[A-Z][a-zA-Z'.-]+)*\s+[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)*)", part)
                    if not m:
                        continue
                    full = re.sub(TITLE_WORDS, "", m.group(1))
                    if not re.search(r"\b[A-Z][A-Z'-]+\b", full) or len(full.split()) < 2:
                        continue
                    words = full.split()
                    if words[0] in ("of", "the"):
                        continue
                    full = title_case_surname(full)
                    caps = [w for w in words if w.isupper() and len(w) > 1]
                    given = [w for w in words if not (w.isupper() and len(w) > 1)]
                    aliases = set()
                    if given and caps:
                        aliases.add(title_case_surname(given[0] + " " + " ".join(caps)))
                        aliases.add(title_case_surname(given[0] + " " + caps[-1]))
                    aliases.discard(full)
                    if ascii_fold(full) != full:
                        aliases.add(ascii_fold(full))
                    rows.add((full, "Person", "|".join(sorted(aliases)), "", "", "", country))
    write(os.path.join(OUT, "leaders.tsv"),
          "Generated by tools/build_gazetteers.py from ../shared/data/gazetteer_factbook/derived/factbook_leaders*.tsv\n"
          "(CIA World Factbook chiefs of state and heads of government 2015-2026, public domain).\n"
          "The country column is background knowledge for typing and resolution, never a relation by itself.", rows)


def subdivisions(data, iso_names):
    rows = set()
    folder = os.path.join(data, "gazetteer_countries_gem/subdivisions_yaml")
    for fname in sorted(os.listdir(folder)):
        iso = fname.split(".")[0]
        country = iso_names.get(iso)
        if not country:
            continue
        with open(os.path.join(folder, fname), encoding="utf-8") as fh:
            text = fh.read()
        for block in re.split(r"\n(?=\S)", text):
            m_name = re.search(r"^\s+name: (.+)$", block, re.M)
            m_type = re.search(r"^\s+type: (.+)$", block, re.M)
            m_en = re.search(r"^\s+en: (.+)$", block, re.M)
            if not m_name:
                continue
            kind = (m_type.group(1).strip() if m_type else "").lower()
            if kind and not re.search(r"state|province|region|governorate|district|territory|county|prefecture|emirate|oblast|republic", kind):
                continue
            name = clean((m_en.group(1) if m_en else m_name.group(1)).strip().strip("'\""))
            name = re.sub(r"\s+(Province|Governorate|Region|Oblast|Prefecture|State)$", "", name)
            if not name or not name[0].isupper() or len(name) < 3 or re.search(r"[(),\[\]]", name):
                continue
            aliases = {ascii_fold(name)} - {name}
            rows.add((name, "Location", "|".join(sorted(aliases)), "", "", "", country))
    write(os.path.join(OUT, "subdivisions.tsv"),
          "Generated by tools/build_gazetteers.py from ../shared/data/gazetteer_countries_gem/subdivisions_yaml\n"
          "(countries gem, MIT, Copyright (c) 2012-2022 hexorx, rposborne, pmor): states, provinces and regions.", rows)


def common_words(data):
    """Lower-case words of the EWT training treebank: names that are also common words are left out."""
    words = set()
    with open(os.path.join(data, "ud_english_ewt/en_ewt-ud-train.conllu"), encoding="utf-8") as fh:
        for line in fh:
            if line and line[0].isdigit():
                form = line.split("\t", 2)[1]
                if form.islower():
                    words.add(form)
    return words


def aircraft(data):
    rows = set()
    with open(os.path.join(data, "gazetteer_openflights/planes.dat"), encoding="utf-8") as fh:
        for name, iata, icao in csv.reader(fh):
            name = clean(name)
            aliases = set()
            m = re.match(r"^([A-Z][a-zA-Z]+)(?:/[A-Za-z]+)?\s+([A-Za-z]{1,3})[- ]?(\d[\w-]*)(?:\s+(.*))?$", name)
            if m:
                maker, prefix, number, nick = m.groups()
                pre = prefix.upper() if len(prefix) <= 2 else prefix.capitalize()
                pre_mixed = prefix[0].upper() + prefix[1:].lower()
                for p in {pre, pre_mixed}:
                    aliases |= {f"{maker} {p}-{number}", f"{p}-{number}"}
                aliases |= {f"{maker}-{number}", f"{maker} {number}"}
                if nick:
                    aliases.add(f"{maker} {nick}")
            m2 = re.match(r"^([A-Z][a-zA-Z]+)\s+(\d[\w-]*)(?:\s+(.*))?$", name)
            if m2:
                maker, number, rest = m2.groups()
                aliases |= {f"{maker} {number}", f"{maker}-{number}"}
                base = number.split("-")[0]
                if base != number:
                    aliases.add(f"{maker} {base}")
            aliases.discard(name)
            rows.add((name, "Product", "|".join(sorted(aliases)), "", "", "", ""))
    write(os.path.join(OUT, "aircraft.openflights.tsv"),
          "Generated by tools/build_gazetteers.py from ../shared/data/gazetteer_openflights/planes.dat.\n"
          "OpenFlights data, https://openflights.org/data.php, licensed under the Open Database License (ODbL) 1.0:\n"
          "https://opendatacommons.org/licenses/odbl/1-0/ . This file is a derived database under ODbL 1.0.", rows)


def cities(data, iso_names, common):
    names = {}
    with open(os.path.join(data, "gazetteer_openflights/airports.dat"), encoding="utf-8") as fh:
        for row in csv.reader(fh):
            city, country = clean(row[2]), clean(row[3])
            if not city or not city[0].isupper() or re.search(r"[(),/\\\d]", city) or len(city) < 3:
                continue
            if city.lower() in common or any(w.lower() in common for w in city.split() if len(city.split()) == 1):
                continue
            names.setdefault(city, set()).add(country)
    country_names = set(iso_names.values())
    rows = set()
    for city, countries_ in names.items():
        if city in country_names:
            continue
        aliases = {ascii_fold(city)} - {city}
        rows.add((city, "Location", "|".join(sorted(aliases)), "", "", "", ""))
    write(os.path.join(OUT, "cities.openflights.tsv"),
          "Generated by tools/build_gazetteers.py from the city column of ../shared/data/gazetteer_openflights/airports.dat,\n"
          "leaving out names that are lower-case words in UD English EWT train. OpenFlights data, https://openflights.org/data.php,\n"
          "licensed under the Open Database License (ODbL) 1.0: https://opendatacommons.org/licenses/odbl/1-0/ .\n"
          "This file is a derived database under ODbL 1.0.", rows)


def main():
    global OUT
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "schema", "gazetteers"))
    args = ap.parse_args()
    OUT = args.out
    os.makedirs(OUT, exist_ok=True)
    common = common_words(args.data)
    iso_names = countries(args.data, common)
    organizations(args.data)
    leaders(args.data, iso_names)
    subdivisions(args.data, iso_names)
    aircraft(args.data)
    cities(args.data, iso_names, common)


if __name__ == "__main__":
    main()
