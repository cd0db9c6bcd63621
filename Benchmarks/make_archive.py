"""Generates a synthetic archive for the scale benchmark: N weekly issues of about 3,000 words
(some Chinese), each with 4 charts on 30 years of daily data, as a Chartbook project; and the same
N pages without charts as a Hugo site, so the two can be timed side by side.

Usage: python3 Benchmarks/make_archive.py OUT_DIR [--issues 1000]
Deterministic: the same arguments give the same files.
"""
import argparse
import datetime as dt
import os
import random
import shutil

WORDS_EN = ("yield auction demand carry trade yen dollar treasury curve duration investor policy rate bank "
            "inflation spread liquidity market pension insurer balance sheet risk hedge currency bond").split()
WORDS_ZH = list("日本国债收益率拍卖需求套息交易美元日元利率曲线投资者政策银行通胀利差流动性市场养老金保险资产负债风险对冲货币")


def business_days(start, n):
    d, out = start, []
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def paragraph(rng, words):
    if rng.random() < 0.25:
        return "".join(rng.choice(WORDS_ZH) for _ in range(words * 2)) + "。"
    text = " ".join(rng.choice(WORDS_EN) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--issues", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(42)
    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    cb, hugo = os.path.join(out, "chartbook"), os.path.join(out, "hugo")

    # 30 years of daily data for four series, FRED layout.
    days = business_days(dt.date(1996, 1, 1), 7800)
    series = ["s1", "s2", "s3", "s4"]
    for k, sid in enumerate(series):
        v = 2.0 + k
        rows = ["observation_date," + sid.upper()]
        for d in days:
            v = max(-0.5, v + rng.uniform(-0.05, 0.05))
            rows.append(f"{d.isoformat()},{v:.3f}")
        write(os.path.join(cb, "Data", f"{sid}.csv"), "\n".join(rows) + "\n")
    catalog = ["files:"]
    for sid in series:
        catalog.append(f"  - {{path: {sid}.csv, reader: fred, source: {{publisher: Synthetic, title: {sid}, url: https://example.org, licence: CC0}}}}")
    catalog.append("series:")
    for sid in series:
        catalog.append(f"  - {{id: {sid}, file: {sid}.csv, units: percent, decimals: 3, name: {{zh: 序列{sid}, en: Series {sid}}}, label: {sid}}}")
    write(os.path.join(cb, "Data", "catalog.yaml"), "\n".join(catalog) + "\n")

    # Chartbook templates: the sample's layouts and stylesheet, a site config, no partials.
    here = os.path.dirname(os.path.abspath(__file__))
    sample = os.path.join(here, "..", "Templates")
    for folder in ("layouts", "assets"):
        shutil.copytree(os.path.join(sample, folder), os.path.join(cb, "Templates", folder))
    write(os.path.join(cb, "Templates", "site.yaml"),
          "title: Archive benchmark\ndescription: Synthetic archive\nbase_url: https://example.org/\nlanguage: en\n")

    # Hugo: the same pages, no charts, minimal layouts.
    write(os.path.join(hugo, "hugo.toml"),
          'baseURL = "https://example.org/"\ntitle = "Archive benchmark"\ndisableKinds = ["taxonomy", "term"]\n'
          '[markup.goldmark.renderer]\nunsafe = false\n')
    write(os.path.join(hugo, "layouts", "_default", "single.html"),
          "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n")
    write(os.path.join(hugo, "layouts", "_default", "list.html"),
          "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")
    write(os.path.join(hugo, "layouts", "index.html"),
          "<!DOCTYPE html><html><head><title>{{ .Site.Title }}</title></head><body><ul>{{ range .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n")

    start = dt.date(2007, 1, 5)
    for i in range(args.issues):
        date = start + dt.timedelta(weeks=i)
        slug = f"{date.isoformat()}-issue-{i:04d}"
        body, words = [], 0
        section = 0
        while words < 3000:
            if words // 600 >= section:
                section += 1
                body.append(f"## Section {section}\n")
            n = rng.randint(40, 90)
            body.append(paragraph(rng, n) + "\n")
            words += n
        prose = "\n".join(body)
        charts = []
        for c in range(4):
            sid = series[c]
            charts.append(f"```chart\ntitle: Series {sid}, chart {c + 1}\nsubtitle: Percent\nseries: [{sid}]\n```\n")
        facts = f"The latest value of s1 is {{{{series.s1.last}}}} on {{{{series.s1.last.date}}}}.\n"
        text = prose.split("\n## Section 3\n")
        md = text[0] + "\n" + charts[0] + charts[1] + "\n## Section 3\n" + (text[1] if len(text) > 1 else "") + "\n" + facts + charts[2] + charts[3]
        front = f"---\ntitle: Issue {i}\ndate: {date.isoformat()}\nas_of: {date.isoformat()}\nlanguage: en\nsummary: Synthetic issue {i}\ntags: [bench]\n---\n\n"
        write(os.path.join(cb, "Templates", "issues", slug + ".md"), front + md)
        hugo_md = prose
        write(os.path.join(hugo, "content", "issues", slug + ".md"),
              f"---\ntitle: \"Issue {i}\"\ndate: {date.isoformat()}\n---\n\n" + hugo_md)
    print(f"wrote {args.issues} issues to {out}")


if __name__ == "__main__":
    main()
