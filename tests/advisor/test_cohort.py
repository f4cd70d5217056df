"""Cohort analytics on the hand-built cohort of tests/cohort_cases.py (arithmetic in comments)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infoview_kit.advisor.cohort import (
    FLAG_NAMES,
    cohort_files_report,
    cohort_rates,
    compare_cohorts,
    flag_matrix,
    load_cohort,
    student_table,
    suppress_small,
)
from infoview_kit.advisor.flags import FlagSettings, load_flag_settings, settings_file_text
from infoview_kit.advisor.privacy import pseudonymise, student_pseudonyms
from infoview_kit.model import OutreachLog
from tests.helpers import SAMPLE
from tests.helpers.cohort_cases import AS_OF, hand_cohort

# ----------------------------------------------------------------- student table


#: Thresholds low enough for the four-student cohort to show every flag.
LOW = FlagSettings(stuck_requests=3, quiet_days=14, unanswered_requests=3, missing_thank_yous=1)


@pytest.fixture(scope="module")
def students() -> pd.DataFrame:
    return student_table(hand_cohort(), as_of=AS_OF, settings=LOW).set_index("owner").sort_index()


def test_student_counts(students):
    # Ana: 4 requests, Pia and Quin replied; 1 meeting, 1 thank-you.
    # Ben: 2 requests, none answered. Cleo: 3 + 1 requests, none answered.
    # Dev: 3 requests, Xia replied (and met him).
    assert students["requests"].to_dict() == {
        "Ana Example": 4, "Ben Sample": 2, "Cleo Test": 4, "Dev Demo": 3,
    }  # fmt: skip
    assert students["replies"].tolist() == [2, 0, 0, 1]
    np.testing.assert_allclose(students["response_rate"], [2 / 4, 0, 0, 1 / 3])
    assert students["meetings"].tolist() == [1, 0, 0, 1]
    assert students["thank_yous"].tolist() == [1, 0, 0, 0]


def test_follow_up_habits(students):
    # 3B7: a request unanswered after 7 business days needs one follow-up.
    # Ana followed up Rae and Sol on day 7 (03-03 -> 03-12): 2/2 on time.
    # Ben's two (Sat 03-01, due 03-12) and Cleo's three (03-03) were never
    # followed up: 0/2 and 0/3. Cleo's 03-28 request is not due yet.
    # Dev followed up Yan and Zed on business day 8 (03-10 -> 03-20), within
    # the 3-day grace: 2/2 on time.
    assert students["follow_up_adherence"].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert students["follow_up_share"].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert students["unanswered_no_follow_up"].tolist() == [0, 2, 3, 0]
    # Dev met Xia on 03-20 and never thanked him.
    assert students["meetings_without_thanks"].tolist() == [0, 0, 0, 1]


def test_activity_flags_and_next_steps(students):
    # last events: Ana 03-25 (update to Pia), Ben 03-01, Cleo 03-28, Dev 03-20
    assert students["days_since_last_activity"].tolist() == [6, 30, 3, 11]
    assert students["days_since_outreach"].tolist() == [6, 30, 3, 11]
    assert students["concerns"].to_dict() == {
        "Ana Example": "",
        "Ben Sample": "stuck",  # 2 requests (< 3), nothing for 30 days (>= 14)
        "Cleo Test": "no follow-ups",  # 3 unanswered, never followed up (0% < 25%)
        "Dev Demo": "thank-yous missing",  # 1 meeting, no thank-you
    }
    assert students["severity"].to_dict() == {
        "Ana Example": "", "Ben Sample": "call this week",
        "Cleo Test": "mention at the next meeting", "Dev Demo": "mention at the next meeting",
    }  # fmt: skip
    assert students.loc["Cleo Test", "next_step"] == (
        "3 unanswered requests without a follow-up: show the 3B7 rule "
        "(one polite follow-up after 7 business days)."
    )
    assert students.loc["Ben Sample", "next_step"].startswith(
        "2 requests, nothing sent for 30 days: choose three people"
    )
    matrix = flag_matrix(students.reset_index())
    assert list(matrix.columns) == list(FLAG_NAMES)
    assert matrix.sum().tolist() == [1, 0, 1, 1]


def test_students_sorted_by_urgency_and_column_does_not_clash():
    table = student_table(hand_cohort(), as_of=AS_OF, settings=LOW)
    # stuck first; then the two "mention" students, longest quiet first (Dev 11 days, Cleo 3)
    assert table["owner"].tolist() == ["Ben Sample", "Dev Demo", "Cleo Test", "Ana Example"]
    assert "flags" not in table.columns  # DataFrame.flags is pandas' own attribute
    assert table.concerns.tolist()[0] == "stuck"


def test_default_thresholds_on_the_hand_cohort():
    # Defaults: stuck below 5 requests with 28 quiet days; Ben's 30 quiet days qualify.
    table = student_table(hand_cohort(), as_of=AS_OF).set_index("owner")
    assert table["concerns"].to_dict() == {
        "Ben Sample": "stuck", "Dev Demo": "", "Cleo Test": "", "Ana Example": "",
    }  # fmt: skip


def test_gone_quiet_needs_a_start():
    # The same cohort seen on 05-15: Ana (4 requests) and Cleo (4) are stuck,
    # not "gone quiet": below 5 requests they never really started.
    settings = FlagSettings(stuck_requests=4)
    table = student_table(hand_cohort(), as_of="2025-05-15", settings=settings)
    concerns = table.set_index("owner")["concerns"].to_dict()
    assert concerns["Ana Example"] == "gone quiet"  # 4 >= 4: had started; 51 days quiet
    assert concerns["Ben Sample"] == "stuck"
    assert concerns["Dev Demo"] == "stuck"  # 3 < 4, quiet since 03-20


def test_flags_depend_on_as_of():
    log = hand_cohort()
    # On 03-14 Ben's last touch (03-01) is only 13 days old, and Dev's meeting
    # (03-20) has not happened: neither flag applies yet. Cleo's three requests
    # of 03-03 became due on 03-12, so hers does.
    early = student_table(log, as_of="2025-03-14", settings=LOW).set_index("owner")["concerns"]
    assert early["Ben Sample"] == ""
    assert early["Dev Demo"] == ""
    assert early["Cleo Test"] == "no follow-ups"
    # A thank-you two days after the meeting clears Dev's flag.
    events = pd.concat(
        [
            log.events,
            pd.DataFrame({"owner": ["Dev Demo"], "contact_id": ["xia"],
                          "at": pd.to_datetime(["2025-03-22"]), "kind": ["thank_you_sent"]}),
        ],
        ignore_index=True,
    )  # fmt: skip
    thanked = student_table(OutreachLog(log.contacts, events), as_of=AS_OF, settings=LOW)
    assert thanked.set_index("owner").loc["Dev Demo", "concerns"] == ""


def test_student_table_does_not_mutate_and_handles_empty():
    log = hand_cohort()
    before = log.events.copy()
    student_table(log, as_of=AS_OF)
    pd.testing.assert_frame_equal(log.events, before)
    empty = student_table(OutreachLog(), as_of=AS_OF)
    assert len(empty) == 0 and "concerns" in empty


def test_a_header_only_file_gives_a_stuck_row(tmp_path):
    folder = _tiny_folder(tmp_path / "class", 3)
    (folder / "learner_09.csv").write_text("Name,Email,Channel,Date contacted,Replied\n")
    (folder / "empty.csv").write_bytes(b"")  # no header at all: not a log
    log = load_cohort(folder, progress=False)
    table = student_table(log, as_of="2025-04-30").set_index("owner")
    assert table.index[0] == "learner_09"  # most urgent first
    assert table.loc["learner_09", ["requests", "concerns", "severity"]].tolist() == [
        0, "stuck", "call this week",
    ]  # fmt: skip
    assert table.loc["learner_09", "next_step"].startswith("0 requests, nothing sent yet")
    assert "empty" not in table.index
    # ... and it keeps its row once pseudonymised (file names become codes)
    safe = pseudonymise(log, key="k" * 20)
    coded = student_table(safe, as_of="2025-04-30")
    assert len(coded) == 4 and coded["concerns"].iloc[0] == "stuck"
    assert coded["owner"].iloc[0] == student_pseudonyms(pd.Series(["learner_09"]),
                                                        key="k" * 20).iloc[0]  # fmt: skip


def test_flag_settings_file(tmp_path):
    from infoview_kit.errors import InfoviewError

    path = tmp_path / "flags.toml"
    path.write_text(settings_file_text(), encoding="utf-8")
    assert load_flag_settings(path) == FlagSettings()
    path.write_text("quiet_days = 14\nstuck_requests = 3\n", encoding="utf-8")
    assert load_flag_settings(path) == FlagSettings(quiet_days=14, stuck_requests=3)
    path.write_text("quiet_days = -1\n", encoding="utf-8")
    with pytest.raises(InfoviewError, match=r"flags\.toml: flag setting quiet_days"):
        load_flag_settings(path)
    path.write_text("quiet_days = [\n", encoding="utf-8")
    with pytest.raises(InfoviewError, match=r"flags\.toml: not a settings file"):
        load_flag_settings(path)


def test_sample_cohort_flags_a_plausible_share():
    # docs/advisors.md: on the sample, about a quarter to call or check in with.
    table = student_table(load_cohort(SAMPLE / "cohort", progress=False))
    urgent = table["severity"].isin(["call this week", "check in this week"]).sum()
    flagged = (table["concerns"] != "").sum()
    assert len(table) == 40
    assert 4 <= urgent <= 12 and flagged <= 20  # a few, not most
    # the stuck ones come first and are the quietest
    stuck = table[table["concerns"].str.startswith("stuck")]
    assert table.index[: len(stuck)].tolist() == stuck.index.tolist()
    assert (stuck["requests"] < 5).all() and (stuck["days_since_outreach"] >= 28).all()


# ------------------------------------------------------------------- rates


def test_pooled_rates_and_spread_whole_cohort():
    # Every reply so far: 13 requests, 3 replied (Pia, Quin, Xia).
    # Per-student rates 0.5, 0, 0, 1/3 -> sorted 0, 0, 1/3, 1/2:
    # median (0 + 1/3) / 2 = 1/6; q1 = 0; q3 = 1/3 + 0.25 * (1/2 - 1/3) = 0.375.
    row = cohort_rates(hand_cohort(), by=None, as_of=AS_OF, within_days=None).iloc[0]
    assert (row["students"], row["requests"], row["replied"]) == (4, 13, 3)
    assert row["rate"] == pytest.approx(3 / 13)
    assert (row["student_median"], row["student_q1"], row["student_q3"]) == pytest.approx(
        (1 / 6, 0.0, 0.375)
    )
    assert row["ci_low"] < row["rate"] < row["ci_high"]


def test_rates_within_14_days_leave_out_recent_requests():
    # Cleo's request of 03-28 is 3 days old on 03-31: left out. Every reply
    # came within 2 days: 3 of the 12 others.
    row = cohort_rates(hand_cohort(), by=None, as_of=AS_OF).iloc[0]
    assert (row["requests"], row["replied"], row["excluded_recent"]) == (12, 3, 1)


def test_rates_by_connection_and_week():
    log = hand_cohort()
    table = cohort_rates(log, by="connection", as_of=AS_OF, within_days=None)
    table = table.set_index(table["connection"].astype("str"))
    # referral: Dev 1/3; alumni: Ana 2/4 (Wilson 0.150..0.850); cold: Ben 0/2 + Cleo 0/4
    assert table[["students", "requests", "replied"]].to_dict("index") == {
        "referral": {"students": 1, "requests": 3, "replied": 1},
        "alumni": {"students": 1, "requests": 4, "replied": 2},
        "cold": {"students": 2, "requests": 6, "replied": 0},
    }
    assert (table.loc["alumni", "ci_low"], table.loc["alumni", "ci_high"]) == pytest.approx(
        (0.1500, 0.8500), abs=1e-4
    )
    weeks = cohort_rates(log, by="week", as_of=AS_OF, within_days=None)
    # Ben's Saturday 03-01 belongs to the week of Monday 02-24; Ana + Cleo sent
    # 7 in the week of 03-03 (2 replied); Dev 3 in the week of 03-10; Cleo 1 on 03-28.
    assert weeks[["week", "students", "requests", "replied"]].to_numpy().tolist() == [
        ["2025-02-24", 1, 2, 0],
        ["2025-03-03", 2, 7, 2],
        ["2025-03-10", 1, 3, 1],
        ["2025-03-24", 1, 1, 0],
    ]


def test_spread_shows_what_pooling_hides():
    # One busy student (20 requests, 10 replies) and three with 2 requests and
    # none: pooled 10/26 = 0.385, but the typical student's rate is 0.
    owners = ["busy"] * 20 + ["a", "a", "b", "b", "c", "c"]
    ids = [str(i) for i in range(26)]
    events = pd.DataFrame(
        {
            "owner": owners + ["busy"] * 10,
            "contact_id": ids + ids[:10],
            "at": pd.to_datetime(["2025-01-06"] * 26 + ["2025-01-07"] * 10),
            "kind": ["request_sent"] * 26 + ["reply_received"] * 10,
            "channel": "email",
        }
    )
    row = cohort_rates(OutreachLog(events=events), by="channel", as_of="2025-03-01").iloc[0]
    assert row["rate"] == pytest.approx(10 / 26)
    assert row["student_median"] == 0.0
    assert row["student_q3"] == pytest.approx(0.125)  # 0, 0, 0, 0.5 -> 0 + 0.25 * 0.5


# -------------------------------------------------------------- comparison


def _term(replies: int, *, n: int = 60, start: str = "2025-01-06") -> OutreachLog:
    """n requests by 10 students on one day, the first ``replies`` answered the next day."""
    ids = [str(i) for i in range(n)]
    day = pd.Timestamp(start)
    return OutreachLog(
        events=pd.DataFrame(
            {
                "owner": [f"s{i % 10}" for i in range(n)] + [f"s{i % 10}" for i in range(replies)],
                "contact_id": ids + ids[:replies],
                "at": [day] * n + [day + pd.Timedelta(days=1)] * replies,
                "kind": ["request_sent"] * n + ["reply_received"] * replies,
                "channel": "email",
            }
        )
    )


def test_compare_matches_statsmodels_newcombe():
    from statsmodels.stats.proportion import confint_proportions_2indep

    this, last = _term(24), _term(12, start="2024-09-02")
    row = compare_cohorts(this, last, as_of="2025-03-01", last_as_of="2024-12-01").iloc[0]
    # 24/60 = 0.40 against 12/60 = 0.20: +0.20
    assert row["difference"] == pytest.approx(0.20)
    low, high = confint_proportions_2indep(24, 60, 12, 60, method="newcomb", compare="diff")
    assert (row["diff_ci_low"], row["diff_ci_high"]) == pytest.approx((low, high), abs=1e-9)
    assert row["significant"] == (low > 0)
    assert (row["students_this"], row["students_last"], row["fewest_students"]) == (10, 10, 10)


def test_compare_not_significant_when_interval_holds_zero():
    row = compare_cohorts(_term(13), _term(12), as_of="2025-03-01", last_as_of="2025-03-01")
    assert not row["significant"].item()
    assert row["diff_ci_low"].item() < 0 < row["diff_ci_high"].item()


def test_compare_by_group_lists_groups_of_either_side():
    this = hand_cohort()
    table = compare_cohorts(this, this, by="connection", as_of=AS_OF, last_as_of=AS_OF,
                            within_days=None)  # fmt: skip
    assert table["connection"].tolist() == ["alumni", "cold", "referral"]
    assert (table["difference"] == 0).all()
    assert not table["significant"].any()
    # by week of term: week 01 is the week of the first request (02-24)
    weeks = compare_cohorts(this, this, by="week", as_of=AS_OF, last_as_of=AS_OF,
                            within_days=None)  # fmt: skip
    assert weeks["week"].tolist() == ["week 01", "week 02", "week 03", "week 05"]
    assert weeks["requests_this"].tolist() == [2, 7, 3, 1]


# -------------------------------------------------------------- suppression


def test_suppress_small_hides_counts_and_rates_of_small_groups():
    table = cohort_rates(hand_cohort(), by="connection", as_of=AS_OF, within_days=None)
    before = table.copy()
    shown = suppress_small(table, k=2)
    cold = shown[shown["connection"] == "cold"].iloc[0]
    alumni = shown[shown["connection"] == "alumni"].iloc[0]
    # cold has 2 students: shown; alumni has 1: every figure hidden, label kept.
    assert cold["students"] == 2 and cold["requests"] == 6
    assert alumni["connection"] == "alumni"
    numeric = ["students", "requests", "replied", "rate", "ci_low", "ci_high",
               "excluded_recent", "student_median", "student_q1", "student_q3"]  # fmt: skip
    assert (alumni[numeric] == "<2").all()
    pd.testing.assert_frame_equal(table, before)  # input untouched


def test_suppress_small_boundary_and_options():
    frame = pd.DataFrame({"field": ["a", "b", "c"], "students": [4, 5, 6],
                          "requests": [10, 11, 12], "rate": [0.1, 0.2, 0.3]})  # fmt: skip
    out = suppress_small(frame, k=5)
    assert out["students"].tolist() == ["<5", 5, 6]  # exactly k is shown
    assert out["rate"].tolist() == ["<5", 0.2, 0.3]
    only_rate = suppress_small(frame, k=5, columns=["rate"])
    assert only_rate["requests"].tolist() == [10, 11, 12]
    assert only_rate["students"].tolist() == ["<5", 5, 6]
    assert suppress_small(frame, k=1).equals(frame)
    with pytest.raises(KeyError, match="learners"):
        suppress_small(frame, count_col="learners")


def test_suppress_small_on_a_comparison():
    this = hand_cohort()
    table = compare_cohorts(this, this, by="connection", as_of=AS_OF, last_as_of=AS_OF)
    shown = suppress_small(table, count_col="fewest_students", k=5)
    assert (shown["rate_this"] == "<5").all() and (shown["difference"] == "<5").all()
    assert shown["significant"].tolist() == table["significant"].tolist()  # not a count


# ------------------------------------------------------------------ loading


def _tiny_folder(folder, n_students: int):
    """``n_students`` small tracker CSVs (3 contacts each: one answered), synthetic people."""
    folder.mkdir()
    for i in range(n_students):
        rows = [
            "Name,Email,Channel,Date contacted,Replied",
            f"Ada Example{i},ada{i}@example.com,Email,2025-03-03,Y",
            f"Bo Sample{i},bo{i}@example.com,LinkedIn,2025-03-04,N",
            f"Cy Test{i},cy{i}@example.com,Email,2025-03-05,N",
        ]
        (folder / f"learner_{i:02d}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_load_cohort_matches_load_log_on_the_sample():
    from infoview_kit.io.load import load_log

    folder = SAMPLE / "cohort"
    mine = load_cohort(folder, progress=False)
    theirs = load_log(folder)
    assert mine.owners == theirs.owners and len(mine.owners) == 40
    assert (len(mine.events), len(mine.contacts)) == (len(theirs.events), len(theirs.contacts))
    pd.testing.assert_frame_equal(mine.report.files.drop(columns="owner"), theirs.report.files)
    assert mine.report.files.set_index("file").loc["student_03.csv", "owner"] == "student_03"
    assert mine.report.balanced
    files = cohort_files_report(mine).set_index("file")
    assert files.loc["README.txt", "status"] == "not a log at all"
    assert files.loc["student_29.tsv", ["rows_rejected", "status"]].tolist() == [
        1, "loaded with warnings",
    ]  # fmt: skip
    assert files.loc["student_21.csv", "warnings"] == 1  # the unknown channel ("Handshake message")
    assert files.loc["student_29.tsv", "owner"] == "student_29"  # whose file it is
    assert pd.isna(files.loc["README.txt", "owner"])
    assert (files["status"] == "loaded").sum() >= 30


def test_progress_bar_only_for_many_files(tmp_path, capsys):
    many = _tiny_folder(tmp_path / "many", 21)
    log = load_cohort(many)
    assert len(log.owners) == 21 and log.owners[0] == "learner_00"
    assert "Loading student logs" in capsys.readouterr().err
    load_cohort(many, progress=False)
    assert "Loading student logs" not in capsys.readouterr().err
    few = _tiny_folder(tmp_path / "few", 3)
    load_cohort(few)
    assert "Loading student logs" not in capsys.readouterr().err


def test_bad_files_do_not_stop_the_others(tmp_path):
    folder = _tiny_folder(tmp_path / "class", 20)
    (folder / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "notes.txt").write_text("remember to bring snacks\n", encoding="utf-8")
    log = load_cohort(folder, progress=False)
    assert len(log.owners) == 20
    report = cohort_files_report(log).set_index("file")
    assert report.loc["photo.csv", "status"] == "could not be read"
    assert report.loc["empty.csv", "status"] == "not a log at all"
    assert report.loc["notes.txt", "status"] == "not a log at all"
    assert (report["status"] == "loaded").sum() == 20
    assert str(tmp_path) not in report["message"].str.cat()  # names as seen in the folder


def test_a_folder_of_only_bad_files_is_an_error(tmp_path):
    from infoview_kit.errors import NotALogError

    folder = tmp_path / "junk"
    folder.mkdir()
    for i in range(20):
        (folder / f"note_{i}.txt").write_text("nothing to see\n", encoding="utf-8")
    with pytest.raises(NotALogError, match="holds no outreach log"):
        load_cohort(folder, progress=False)


def test_zip_and_combined_sheet(tmp_path):
    import zipfile

    folder = _tiny_folder(tmp_path / "class", 22)
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, f"class/{path.name}")
    zipped = load_cohort(archive, progress=False)
    assert zipped.owners == load_cohort(folder, progress=False).owners
    assert len(zipped.events) == len(load_cohort(folder, progress=False).events)
    # one sheet with a Student column
    sheet = tmp_path / "all.csv"
    sheet.write_text(
        "Student,Name,Email,Date contacted,Replied\n"
        "learner_a,Ada Example,ada@example.com,2025-03-03,Y\n"
        "learner_b,Bo Sample,bo@example.com,2025-03-04,N\n",
        encoding="utf-8",
    )
    assert load_cohort(sheet).owners == ["learner_a", "learner_b"]


# ---------------------------------------------------------------------- CLI


def test_cli_report_pseudonymised(tmp_path, capsys):
    from infoview_kit.advisor.privacy import new_key_file
    from infoview_kit.cli import main

    folder = _tiny_folder(tmp_path / "class", 6)
    key = new_key_file(tmp_path / "cohort.key")
    out = tmp_path / "out" / "report.html"
    status = main(["report", str(folder), "-o", str(out), "--parents", "--pseudonymise",
                   "--key-file", str(key), "--as-of", "2025-04-30", "--min-cell", "3"])  # fmt: skip
    assert status == 0
    captured = capsys.readouterr()
    assert "Report written to" in captured.out and "6 students" in captured.out
    html = out.read_text(encoding="utf-8")
    assert "learner_" not in html and "Ada Example" not in html and "@example.com" not in html
    assert key.read_text().strip() not in html
    # every student has 3 requests (< 5) and nothing since 03-05 (56 days): all stuck
    assert html.count("choose three people to write to, together") >= 6
    assert "6 of 6 students to contact this week" in html


def test_cli_pseudonyms_turns_codes_back(tmp_path, capsys):
    import csv

    from infoview_kit.advisor.privacy import new_key_file
    from infoview_kit.cli import main

    folder = _tiny_folder(tmp_path / "class", 3)
    key = new_key_file(tmp_path / "cohort.key")
    out = tmp_path / "mapping.csv"
    assert main(["pseudonyms", str(folder), "--key-file", str(key), "-o", str(out)]) == 0
    assert "keep it with the key" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    students = {r["Student or file"]: r["Code"] for r in rows if r["Kind"] == "student"}
    files = {r["Student or file"]: r["Code"] for r in rows if r["Kind"] == "file"}
    assert sorted(students) == ["learner_00", "learner_01", "learner_02"]
    assert sorted(files) == ["learner_00.csv", "learner_01.csv", "learner_02.csv"]
    # the same codes as the report made with the same key
    safe = pseudonymise(load_cohort(folder, progress=False), key=key.read_text().strip())
    assert sorted(safe.owners) == sorted(students.values())
    assert set(safe.report.files["file"]) == set(files.values())
    # without -o the table is printed; without a key file, a one-line error
    assert main(["pseudonyms", str(folder), "--key-file", str(key)]) == 0
    assert "student,S-" in capsys.readouterr().out
    assert main(["pseudonyms", str(folder), "--key-file", str(tmp_path / "nope.key")]) == 1
    assert "no key file" in capsys.readouterr().err


def test_cli_report_contact_list_and_settings(tmp_path, capsys):
    from infoview_kit.cli import main

    folder = _tiny_folder(tmp_path / "class", 6)
    settings = tmp_path / "flags.toml"
    assert main(["flag-settings", str(settings)]) == 0
    settings.write_text("stuck_requests = 2\nquiet_days = 100\n", encoding="utf-8")
    csv_path = tmp_path / "contact.csv"
    status = main(["report", str(folder), "-o", str(tmp_path / "r.html"), "--key-file",
                   str(_key(tmp_path)), "--as-of", "2025-04-30", "--contact-list", str(csv_path),
                   "--flag-settings", str(settings)])  # fmt: skip
    assert status == 0
    assert "0 to contact this week" in capsys.readouterr().out  # nobody is 100 days quiet
    assert csv_path.read_text(encoding="utf-8-sig").splitlines() == [
        "Student,What to do,Why and next step,Requests,Days since anything was sent"
    ]
    assert main(["report", str(folder), "-o", str(tmp_path / "s.html"), "--key-file",
                 str(_key(tmp_path)), "--as-of", "2025-04-30",
                 "--contact-list", str(csv_path)]) == 0  # fmt: skip
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 7 and all(",call this week," in line for line in lines[1:])
    assert "learner_" not in "".join(lines)
    assert main(["flag-settings", str(settings)]) == 1  # never overwritten
    assert "already there" in capsys.readouterr().err


def _key(tmp_path):
    from infoview_kit.advisor.privacy import new_key_file

    path = tmp_path / "k.key"
    return path if path.exists() else new_key_file(path)


def test_cli_report_warns_about_names_and_one_off_keys(tmp_path, capsys):
    from infoview_kit.cli import main

    folder = _tiny_folder(tmp_path / "class", 2)
    assert main(["report", str(folder), "-o", str(tmp_path / "a.html")]) == 0
    assert "shows students' names" in capsys.readouterr().err
    assert "learner_00" in (tmp_path / "a.html").read_text(encoding="utf-8")
    assert main(["report", str(folder), "-o", str(tmp_path / "b.html"), "--pseudonymise"]) == 0
    assert "one-off key" in capsys.readouterr().err
    assert main(["report", str(folder), "-o", str(tmp_path / "c.html"),
                 "--as-of", "someday"]) == 1  # fmt: skip
    assert "expected a date such as 2025-06-30" in capsys.readouterr().err
    assert main(["report", str(folder), "-o", str(tmp_path / "d.html"), "--key-file",
                 str(tmp_path / "missing.key")]) == 1  # fmt: skip
    assert "no key file" in capsys.readouterr().err
