"""The HTML evaluation report: renderer unit tests and a real headless-browser test."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.annotations import read_annotated
from pipeline.cli import main
from pipeline.evaluation.html import (
    _segments,
    confusion_matrix,
    layout_spans,
    load_template,
    pair_spans,
    render_html,
)
from pipeline.evaluation.scoring import evaluate_documents
from pipeline.provenance import Provenance
from pipeline.types import LABELS, Document, Span

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILE = ROOT / "annotations" / "gold.jsonl"
ARTIFACTS = ROOT / "outputs" / "test-artifacts"

TEXT = "Rysbek Sarsenbay spoke in Almaty on December 14 to 35 people."


def span(text, start, end, label, norm=None):
    return Span.from_text(text, start, end, label, norm=norm or {})


def hand_case():
    gold = [
        span(TEXT, 0, 16, "PERSON"),
        span(TEXT, 26, 32, "PLACE"),
        span(TEXT, 36, 47, "DATE", {"value": "2021-12-14"}),
        span(TEXT, 51, 53, "COUNT", {"value": 35}),
    ]
    pred = [
        span(TEXT, 0, 6, "PERSON"),  # boundary error
        span(TEXT, 26, 32, "ORG"),  # label confusion
        span(TEXT, 36, 47, "DATE", {"value": "XXXX-12-14"}),  # correct span, wrong value
        span(TEXT, 57, 60, "ORG"),  # spurious; COUNT is missed
    ]
    return [Document("d1", TEXT, "en", {}, gold)], [Document("d1", TEXT, "en", {}, pred)]


class Marks(HTMLParser):
    """Collects every <mark> with its attributes and its text (label tags left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self.stack: list[tuple[str, dict | None, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            rec = {**a, "text": ""}
            self.marks.append(rec)
            self.stack.append(("mark", rec, False))
        elif tag == "span":
            self.stack.append(("span", None, "tag" in (a.get("class") or "").split()))

    def handle_endtag(self, tag):
        if tag in ("mark", "span"):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

    def handle_data(self, data):
        if any(is_tag for _, _, is_tag in self.stack):
            return
        for _, rec, _ in self.stack:
            if rec is not None:
                rec["text"] += data


def parse_marks(page: str) -> list[dict]:
    p = Marks()
    p.feed(page)
    return [m for m in p.marks if "data-side" in m]  # legend samples carry no data-side


def keyset(marks, side, doc=None):
    return Counter(
        (int(m["data-start"]), int(m["data-end"]), m["data-label"])
        for m in marks
        if m["data-side"] == side and (doc is None or m["data-doc"] == doc)
    )


# ----------------------------------------------------------------------------- unit tests


def test_a_mark_per_entity_with_offsets_label_and_text():
    gold, pred = hand_case()
    page = render_html(evaluate_documents(gold, pred), gold, pred)
    marks = parse_marks(page)
    assert keyset(marks, "gold") == Counter((s.start, s.end, s.label) for s in gold[0].entities)
    assert keyset(marks, "pred") == Counter((s.start, s.end, s.label) for s in pred[0].entities)
    for m in marks:
        assert m["text"] == TEXT[int(m["data-start"]) : int(m["data-end"])]
        assert m["data-doc"] == "d1"


def test_marks_carry_error_status():
    gold, pred = hand_case()
    marks = parse_marks(render_html(evaluate_documents(gold, pred), gold, pred))
    status = {
        (m["data-side"], m["data-label"], int(m["data-start"])): m["data-status"] for m in marks
    }
    assert status == {
        ("gold", "PERSON", 0): "boundary",
        ("pred", "PERSON", 0): "boundary",
        ("gold", "PLACE", 26): "label",
        ("pred", "ORG", 26): "label",
        ("gold", "DATE", 36): "tp",
        ("pred", "DATE", 36): "tp",
        ("gold", "COUNT", 51): "fn",
        ("pred", "ORG", 57): "fp",
    }
    css = load_template("report.css")
    # each error kind has its own outline style
    styles = {
        k: re.search(rf"mark\.ent\.st-{k} {{ outline: \S+ (\w+)", css).group(1)
        for k in ("fn", "fp", "label", "boundary")
    }
    assert len(set(styles.values())) == 4


def test_confusion_counts_on_hand_made_case():
    gold, pred = hand_case()
    m = confusion_matrix(gold, pred)
    assert m["labels"] == [*LABELS, "none"]
    nonzero = {(g, p): n for g, row in m["counts"].items() for p, n in row.items() if n}
    assert nonzero == {
        ("PERSON", "PERSON"): 1,  # overlapping, other boundary
        ("PLACE", "ORG"): 1,
        ("DATE", "DATE"): 1,
        ("COUNT", "none"): 1,
        ("none", "ORG"): 1,
    }
    assert m["exact"]["PERSON"]["PERSON"] == 0
    assert m["exact"]["PLACE"]["ORG"] == 1
    page = render_html(evaluate_documents(gold, pred), gold, pred)
    cells = dict(
        ((g, p), int(n))
        for g, p, n in re.findall(
            r'data-gold="([^"]+)" data-pred="([^"]+)" data-count="(\d+)"', page
        )
    )
    assert cells[("PLACE", "ORG")] == 1
    assert cells[("COUNT", "none")] == 1
    assert cells[("none", "ORG")] == 1
    assert cells[("PERSON", "PLACE")] == 0


def test_pairing_prefers_same_offsets_then_largest_overlap():
    gold = [span(TEXT, 0, 16, "PERSON")]
    pred = [span(TEXT, 0, 6, "PERSON"), span(TEXT, 0, 16, "ORG"), span(TEXT, 7, 16, "PERSON")]
    assert pair_spans(gold, pred) == [(0, 1), (None, 0), (None, 2)]
    assert pair_spans(gold, [pred[2], pred[0]]) == [(0, 0), (None, 1)]


def test_text_ids_labels_and_config_are_escaped():
    text = 'Almaty <script>window.__pwned = 1;</script> & "q" <img src=x onerror="alert(1)"> end'
    start = text.index("<script>")
    doc_id = 'x"><b>id</b>'
    gold = [Document(doc_id, text, "en", {}, [span(text, 0, 6, "PLACE")])]
    pred_spans = [
        span(text, 0, 6, "PLACE"),
        span(text, start, start + 8, "ORG"),
        span(text, text.index("<img"), len(text) - 4, '<i onclick="x">BAD'),
    ]
    pred = [Document(doc_id, text, "en", {}, pred_spans)]
    # scoring knows only the project's labels: score without the odd one, render with it
    result = evaluate_documents(gold, [Document(doc_id, text, "en", {}, pred_spans[:2])])
    prov = Provenance(
        generated="2024-01-01T00:00:00+00:00",
        config_path="c.yaml",
        config_text="description: </pre><script>alert(2)</script>\n",
        model_cards=[("models/m/model-card.md", "# <Card> & co")],
        versions={"python": "3.11"},
    )
    page = render_html(result, gold, pred, provenance=prov, title="<T> & co")
    assert page.count("<script") == 1  # only the report's own script
    assert "<img" not in page and "<i onclick" not in page and "<b>id</b>" not in page
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;" in page
    assert "&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "# &lt;Card&gt; &amp; co" in page
    assert "<title>&lt;T&gt; &amp; co</title>" in page
    marks = parse_marks(page)
    assert {m["data-doc"] for m in marks} == {doc_id}  # attributes round-trip
    assert keyset(marks, "pred") == Counter((s.start, s.end, s.label) for s in pred_spans)
    for m in marks:
        assert m["text"] == text[int(m["data-start"]) : int(m["data-end"])]


def test_nested_crossing_and_out_of_range_spans_all_get_marks():
    text = "Nursultan Nazarbayev visited the Almaty region office today.\n\nNext paragraph."
    spans = [
        span(text, 0, 20, "PERSON"),
        span(text, 10, 20, "PERSON"),  # nested
        span(text, 33, 46, "PLACE"),
        span(text, 40, 53, "ORG"),  # crosses the PLACE span
    ]
    spans.append(Span(70, 500, "DATE", "bogus"))  # outside the text
    roots, unplaced = layout_spans(spans, len(text))
    assert [n.span.label for n in roots] == ["PERSON", "PLACE"]
    assert [c.span.start for c in roots[0].children] == [10]
    assert {(s.start, s.label) for s in unplaced} == {(40, "ORG"), (70, "DATE")}
    docs = [Document("n", text, "en", {}, spans)]
    page = render_html(evaluate_documents(docs, docs), docs, docs)
    marks = parse_marks(page)
    assert keyset(marks, "gold") == Counter((s.start, s.end, s.label) for s in spans)
    assert keyset(marks, "pred") == keyset(marks, "gold")
    assert "not shown inline" in page


def test_paragraphs_split_only_where_no_span_crosses():
    text = "One.\r\n\r\nTwo\nlines.\n\nThree."
    assert [text[a:b] for a, b in _segments(text, [])] == [
        "One.\r\n\r\n",
        "Two\n",
        "lines.\n\n",
        "Three.",
    ]
    across = [Span.from_text(text, 8, 18, "ORG")]  # "Two\nlines."
    assert [text[a:b] for a, b in _segments(text, across)] == [
        "One.\r\n\r\n",
        "Two\nlines.\n\n",
        "Three.",
    ]


def test_headline_figures_carry_ids_equal_to_the_result():
    gold, pred = hand_case()
    result = evaluate_documents(gold, pred)
    page = render_html(result, gold, pred)
    for block in ("headline", "org"):
        for key in ("f1", "precision", "recall", "support"):
            m = re.search(rf'<span id="{block}-{key}" data-value="([^"]+)">([^<]+)</span>', page)
            assert m, (block, key)
            assert json.loads(m.group(1)) == result[block][key]


def test_charts_are_inline_well_formed_svg():
    gold, pred = hand_case()
    result = evaluate_documents(gold, pred)
    page = render_html(result, gold, pred)
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(svgs) == 3
    trees = {ET.fromstring(s).get("id"): ET.fromstring(s) for s in svgs}
    assert set(trees) == {"chart-f1", "chart-pr", "chart-norm"}
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in trees["chart-f1"].iter(f"{ns}rect") if r.get("class") == "bar"]
    assert len(bars) == (len(LABELS) + 1) * (1 + len(result["per_language"]))
    f1 = {
        (b.get("data-series"), b.get("data-group")): json.loads(b.get("data-value")) for b in bars
    }
    assert f1[("all", "headline")] == result["headline"]["f1"]
    norm = [r for r in trees["chart-norm"].iter(f"{ns}rect") if r.get("class") == "bar"]
    assert {r.get("data-label") for r in norm} == {"DATE"}  # the only label with matched norms


def test_page_is_self_contained():
    gold, pred = hand_case()
    page = render_html(evaluate_documents(gold, pred), gold, pred)
    assert "${" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"] * 3


def write_jsonl(path: Path, records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def test_report_command_writes_html_and_json(tmp_path, capsys):
    gold, pred = hand_case()
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    write_jsonl(
        gold_path,
        [
            {
                "id": d.id,
                "lang": d.lang,
                "text": d.text,
                "entities": [s.to_dict() for s in d.entities],
            }
            for d in gold
        ],
    )
    write_jsonl(pred_path, [d.to_output() for d in pred])
    config = tmp_path / "c.yaml"
    config.write_text("languages: [en]  # <keep>\ncomponents:\n  - name: rules.gazetteer\n")
    models = tmp_path / "models"
    (models / "ner-en").mkdir(parents=True)
    (models / "ner-en" / "model-card.json").write_text('{"name": "ner-en", "f1": 0.9}')
    (models / "ner-kk").mkdir()
    (models / "ner-kk" / "model-card.md").write_text("# ner-kk\ntrained on <shared>\n")
    out = tmp_path / "rep"
    rc = main(
        [
            "report",
            "--gold",
            str(gold_path),
            "--pred",
            str(pred_path),
            "--config",
            str(config),
            "--models",
            str(models),
            "--out",
            str(out),
        ]
    )
    assert rc == 0
    assert "report.html" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["headline"] == evaluate_documents(gold, pred)["headline"]
    page = (out / "report.html").read_text("utf-8")
    assert "languages: [en]  # &lt;keep&gt;" in page
    assert "ner-en/model-card.json" in page and "ner-kk/model-card.md" in page
    assert "trained on &lt;shared&gt;" in page
    assert "python -m pipeline report --gold" in page  # the command, not pytest's argv
    for lib in ("python", "spacy", "stanza", "transformers", "datasets", "seqeval", "torch"):
        assert f'data-library="{lib}"' in page
    m = re.search(r'id="headline-f1" data-value="([^"]+)"', page)
    assert json.loads(m.group(1)) == report["headline"]["f1"]


def test_report_command_rejects_a_missing_config(tmp_path, capsys):
    rc = main(
        [
            "report",
            "--gold",
            str(GOLD_FILE),
            "--pred",
            str(GOLD_FILE),
            "--config",
            str(tmp_path / "nope.yaml"),
            "--out",
            str(tmp_path / "r"),
        ]
    )
    assert rc == 2
    assert "nope.yaml" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


# ----------------------------------------------------------------------------- browser test

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
HOSTILE_ID = "zz-<b>hostile</b>"
HOSTILE_TEXT = (
    'Almaty <script>window.__pwned = 1;</script> & "quotes" '
    '<img src=x onerror="window.__pwned = 2"> Astana.'
)


def _find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def driver():
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium)")
    chromium = _find("chromium", "chromium-browser")
    chromedriver = _find("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
    )
    if not chromium or not chromedriver:
        pytest.skip("chromium/chromedriver not installed (run scripts/install-browser.sh)")
    profile = tempfile.mkdtemp(prefix="report-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={profile}", "--window-size=1440,1860"):
        options.add_argument(flag)
    options.add_argument("--hide-scrollbars")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        drv = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium could not be started: {exc.msg}")
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def perturb(doc: Document) -> list[dict]:
    """A deterministic prediction with every kind of error: misses, label and boundary errors, FP."""
    out = []
    for i, s in enumerate(doc.entities):
        if i % 7 == 3:
            continue  # missed
        start, end, label = s.start, s.end, s.label
        if i % 7 == 5:
            label = LABELS[(LABELS.index(label) + 1) % len(LABELS)] if label in LABELS else "ORG"
        elif i % 7 == 6 and end - start > 2:
            end -= 1  # boundary
        norm = s.norm if i % 5 != 2 else {}  # some normalisation mismatches
        out.append(Span.from_text(doc.text, start, end, label, "test", 0.9, norm).to_dict())
    taken = [(s.start, s.end) for s in doc.entities]
    for m in re.finditer(r"\w{5,}", doc.text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append(Span.from_text(doc.text, m.start(), m.end(), "COUNT").to_dict())
            break  # one spurious span
    return out


@pytest.fixture(scope="module")
def report_files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-report")
    gold_docs = read_annotated(GOLD_FILE)
    gold_records = [
        json.loads(line) for line in GOLD_FILE.read_text("utf-8").splitlines() if line.strip()
    ]
    hostile = [
        span(HOSTILE_TEXT, 0, 6, "PLACE"),
        span(HOSTILE_TEXT, HOSTILE_TEXT.index("Astana"), HOSTILE_TEXT.index("Astana") + 6, "PLACE"),
    ]
    gold_records.append(
        {
            "id": HOSTILE_ID,
            "lang": "en",
            "text": HOSTILE_TEXT,
            "entities": [s.to_dict() for s in hostile],
        }
    )
    script = HOSTILE_TEXT.index("<script>")
    pred_records = [{"id": d.id, "lang": d.lang, "entities": perturb(d)} for d in gold_docs]
    pred_records.append(
        {
            "id": HOSTILE_ID,
            "lang": "en",
            "entities": [
                hostile[0].to_dict(),
                span(HOSTILE_TEXT, script, script + len("<script>"), "ORG").to_dict(),
            ],
        }
    )
    gold_path, pred_path = tmp / "gold.jsonl", tmp / "pred.jsonl"
    write_jsonl(gold_path, gold_records)
    write_jsonl(pred_path, pred_records)
    out = tmp / "report"
    config = ROOT / "configs" / "default.yaml"
    args = ["report", "--gold", "gold.jsonl", "--pred", "pred.jsonl", "--out", "report"]
    if config.is_file():
        args += ["--config", str(config)]
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)  # short relative paths in the page's subtitle
        assert main(args) == 0
    return {
        "html": out / "report.html",
        "report": json.loads((out / "report.json").read_text("utf-8")),
        "pred": {r["id"]: r["entities"] for r in pred_records},
        "gold": {r["id"]: r for r in gold_records},
    }


MARKS_JS = """
return Array.from(document.querySelectorAll('mark.ent[data-side]')).map(function (m) {
  var c = m.cloneNode(true);
  c.querySelectorAll('.tag').forEach(function (t) { t.remove(); });
  return {doc: m.dataset.doc, side: m.dataset.side, start: Number(m.dataset.start),
          end: Number(m.dataset.end), label: m.dataset.label, status: m.dataset.status,
          text: c.textContent, outline: getComputedStyle(m).outlineStyle};
});
"""


def _column(driver, table_id: str, attr: str) -> list[str]:
    """An attribute of every row of a table's body, in the order shown."""
    return driver.execute_script(
        "var attr = arguments[1];"
        "return Array.from(document.getElementById(arguments[0]).tBodies[0].rows)"
        ".map(function (r) { return r.getAttribute(attr); });",
        table_id,
        attr,
    )


def test_report_in_a_real_browser(driver, report_files):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    report = report_files["report"]
    driver.get(report_files["html"].resolve().as_uri())
    assert driver.title == "Evaluation report"

    # 1. no console errors
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []

    # 2. screenshots as test artefacts, before any interaction
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")
    assert driver.save_screenshot(str(ARTIFACTS / "report.png"))
    driver.execute_script(
        "var e = document.getElementById('documents');"
        "window.scrollTo({top: e.getBoundingClientRect().top + window.scrollY - 8, behavior: 'instant'});"
    )
    assert driver.save_screenshot(str(ARTIFACTS / "report-documents.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000

    # 3. the headline figures on the page are report.json's
    for block in ("headline", "org"):
        for key in ("f1", "precision", "recall", "support"):
            el = driver.find_element(By.ID, f"{block}-{key}")
            assert json.loads(el.get_attribute("data-value")) == report[block][key]
            value = report[block][key]
            assert el.text == (f"{value:.3f}" if isinstance(value, float) else str(value))

    # 4. every document's marks are the JSONL's spans, with the text they cover
    marks = driver.execute_script(MARKS_JS)
    for side, source in (("pred", report_files["pred"]), ("gold", report_files["gold"])):
        for doc_id, entities in source.items():
            if side == "gold":
                entities = entities["entities"]
            text = report_files["gold"][doc_id]["text"]
            on_page = sorted(
                (m["start"], m["end"], m["label"], m["text"])
                for m in marks
                if m["side"] == side and m["doc"] == doc_id
            )
            expected = sorted(
                (e["start"], e["end"], e["label"], text[e["start"] : e["end"]]) for e in entities
            )
            assert on_page == expected, (side, doc_id)

    # 5. error kinds look different: one outline style per status
    outline = {}
    for m in marks:
        outline.setdefault(m["status"], set()).add(m["outline"])
    assert outline == {
        "tp": {"none"},
        "fn": {"dashed"},
        "fp": {"solid"},
        "label": {"double"},
        "boundary": {"dotted"},
    }

    # 6. hostile text is shown as text, never run
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('script').length") == 1
    assert driver.execute_script("return document.querySelectorAll('#documents img').length") == 0
    hostile = [m for m in marks if m["doc"] == HOSTILE_ID and m["label"] == "ORG"]
    assert [m["text"] for m in hostile] == ["<script>"]

    # 7. sorting the error list by clicking a header
    before = _column(driver, "error-table", "data-label")
    assert len(before) == len(report["errors"])
    header = driver.find_element(By.XPATH, "//table[@id='error-table']/thead/tr/th[4]")
    assert header.text.startswith("label")
    header.click()
    after = _column(driver, "error-table", "data-label")
    assert after != before
    assert after == sorted(before)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert _column(driver, "error-table", "data-label") == sorted(before, reverse=True)
    start = driver.find_element(By.XPATH, "//table[@id='error-table']/thead/tr/th[6]")
    start.click()
    starts = [int(s) for s in _column(driver, "error-table", "data-start")]
    assert starts == sorted(starts)  # numeric, not lexicographic

    # 8. the kind filter and a jump from the error list to the mark
    Select(driver.find_element(By.ID, "error-kind")).select_by_value("FP")
    visible = driver.execute_script(
        "return Array.from(document.querySelectorAll('#error-table tbody tr'))"
        ".filter(function (r) { return !r.hidden; }).map(function (r) { return r.dataset.kind; });"
    )
    assert visible and set(visible) == {"FP"}
    driver.find_element(By.ID, "collapse-all").click()
    link = driver.find_element(By.CSS_SELECTOR, "#error-table tbody tr:not([hidden]) a.jump")
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert driver.execute_script(
        "return document.getElementById(arguments[0]).closest('details').open", target
    )
    Select(driver.find_element(By.ID, "error-kind")).select_by_value("")

    # 9. nothing went wrong in the page's script during the interactions
    assert [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"] == []
