import EscalateKit

/// The help texts. They are API: end-to-end tests compare them exactly.
enum Help {
  static let main = """
    escalate \(escalateVersion): checks governance status returns against a rule pack

    USAGE: escalate <command> [options]

    COMMANDS:
      check       check data files against the rules and print the alerts
      baseline    record today's alerts, so 'check --baseline' reports only new ones
      queue       route the alerts to forums: the escalation queue for a board
      report      the board pack: every workstream, its trend and alerts, the queue
      digest      the pre-board email: the queue as a plain-text and HTML message
      validate    read data files without rules and report every unreadable cell
      rules       list the pack's rules
      test        run a pack's rule tests (rules/tests)
      fmt         rewrite rule files in the canonical layout
      explain     show what a rule checks, or why it fired on one workstream

    OPTIONS:
      -h, --help  show this help
      --version   show the version

    Run 'escalate check --help' for the options of check.

    EXIT STATUS:
      0  the command ran (whether or not there were alerts)
      1  check: an alert reached --fail-on; test: a rule test failed;
         fmt --check: a file is not formatted
      2  invalid rules, data or usage; the errors are on standard error

    """

  static let check = """
    USAGE: escalate check [--rules PATH] [--as-of DATE] [--format FORMAT]
                          [--fail-on SEVERITY] [--baseline FILE]
                          [--changed-since GIT_REF]
                          [--param RULE.NAME=VALUE]... [--delimiter CHAR]
                          [--strict] [--all-periods] DATA...

    Checks the DATA files against the rules and prints the alerts: in text,
    grouped by record with the most severe first; in json and jsonl, in input
    order with the evidence each rule read. Records with the same id form a
    workstream's history, ordered by period; only each workstream's latest
    period raises alerts unless --all-periods is given. Files are read in
    chunks and checked on every core, holding only the workstreams that have
    more than one record; in jsonl, alerts are written as they are found.

    ARGUMENTS:
      DATA...                   CSV or JSON files of status records; '-' reads
                                standard input

    OPTIONS:
      --rules PATH              a rule file, or a directory of *.rules files
                                (default: the built-in pack, a copy of rules/)
      --as-of DATE              the report date, YYYY-MM-DD, that report_date
                                stands for (default: today, UTC)
      --format FORMAT           text (default), json, jsonl, or for CI github
                                (annotations), junit or sarif
      --fail-on SEVERITY        exit 1 when an alert at or above this severity
                                (critical, error, warning, info) is reported
      --baseline FILE           leave out the alerts recorded in this file by
                                'escalate baseline'; report entries that no
                                longer fire
      --changed-since GIT_REF   report only alerts on records that are new or
                                changed since this git revision
      --param RULE.NAME=VALUE   override a rule parameter, e.g.
                                --param forecast-overspend.tolerance=10%
                                (repeatable)
      --delimiter CHAR          the CSV field separator: ',' (default), ';'
                                or 'tab'
      --strict                  make an unreadable cell an error (exit 2)
                                instead of an unreadable-value alert
      --all-periods             raise alerts for every period of a workstream,
                                not only its latest
      -h, --help                show this help

    EXIT STATUS:
      0  the check ran, and no alert reached --fail-on
      1  an alert at or above --fail-on was reported
      2  invalid rules, data or usage; the errors are on standard error

    """

  static let validate = """
    USAGE: escalate validate [--rules PATH] [--delimiter CHAR] DATA...

    Reads the DATA files against a schema without running any rules and
    reports every problem with its location: cells that cannot be read as their
    column's type (with the text and what was expected), columns the schema does
    not know, files that are not UTF-8, malformed CSV. Ends with a summary line
    per file.

    ARGUMENTS:
      DATA...                   CSV or JSON files of status records; '-' reads
                                standard input

    OPTIONS:
      --rules PATH              read the DATA against the schema that this rule
                                file or directory declares (default: the
                                built-in workstream schema)
      --delimiter CHAR          the CSV field separator: ',' (default), ';'
                                or 'tab'
      -h, --help                show this help

    EXIT STATUS:
      0  every cell of every file was readable
      2  a cell could not be read, a file is invalid, or the usage is wrong

    """

  static let queue = """
    USAGE: escalate queue [--rules PATH] [--as-of DATE] [--format text|json|markdown]
                          [--state FILE] [--waivers FILE] [--forum NAME]
                          [--param RULE.NAME=VALUE]... [--delimiter CHAR]
                          [--strict] DATA...

    Checks the DATA files like 'escalate check', then routes each alert to the
    forum that must see it and prints the escalation queue: for each forum,
    highest level first, the workstreams it must see, most severe first, each
    with every reason, since when, the next board and whether it is already
    escalated there. Waived alerts and alerts resolved since the last run are
    listed at the end.

    ARGUMENTS:
      DATA...                   CSV or JSON files of status records; '-' reads
                                standard input

    OPTIONS:
      --rules PATH              a rule file, or a directory of *.rules files,
                                with the forums (default: the built-in pack)
      --as-of DATE              the report date, YYYY-MM-DD (default: today, UTC)
      --format FORMAT           text (default), json or markdown
      --state FILE              the last run's open alerts: read to mark each
                                alert new or continuing and to list the resolved
                                ones, then rewritten for the next run
      --waivers FILE            a file of 'waive' blocks, besides the pack's own
      --forum NAME              only this forum's part of the queue
      --param RULE.NAME=VALUE   override a rule parameter (repeatable)
      --delimiter CHAR          the CSV field separator: ',' (default), ';'
                                or 'tab'
      --strict                  make an unreadable cell an error (exit 2)
      -h, --help                show this help

    EXIT STATUS:
      0  the queue was built, whatever is in it
      2  invalid rules, waivers, state, data or usage; the errors are on
         standard error

    """

  static let baseline = """
    USAGE: escalate baseline [--rules PATH] [--as-of DATE] [--param RULE.NAME=VALUE]...
                             [--delimiter CHAR] [--strict] DATA... > FILE

    Checks the DATA files and prints today's alerts as a baseline: a JSON array,
    one alert per line by fingerprint (rule, workstream and, for an unreadable
    cell, the column). 'escalate check --baseline FILE' then reports, and fails
    on, only alerts that are not in it, and warns about entries that no longer
    fire so the baseline can shrink.

    EXIT STATUS:
      0  the baseline was printed
      2  invalid rules, data or usage

    """

  static let rules = """
    USAGE: escalate rules [--rules PATH]

    Lists the rules of the pack (default: the built-in pack): id, severity, the
    forum it escalates to, and the first sentence of its description.

    """

  static let explain = """
    USAGE: escalate explain RULE [--rules PATH]
           escalate explain RULE --id WORKSTREAM [--as-of DATE] [--rules PATH]
                            [--param RULE.NAME=VALUE]... DATA...

    Shows what RULE checks: its description, its condition as written, where it
    escalates, what it suppresses and its parameters. With --id, reads the DATA
    and explains the rule on that workstream's latest record: the value of every
    part of the condition, which part decided, the message, and the forum the
    alert goes to and why.

    EXIT STATUS:
      0  the rule was explained
      2  unknown rule or workstream, invalid rules, data or usage

    """

  static let test = """
    USAGE: escalate test [--rules PATH] [TEST...]

    Runs the rule tests in the TEST files: each gives a few records and a report
    date and says which alerts the pack must raise on them. Prints each failing
    test with a diff of the alerts it expected ('-') and the alerts that fail it
    ('+'), then 'N passed, M failed'.

    ARGUMENTS:
      TEST...                   *.test files, or directories of them (default:
                                the pack directory's tests/; for the built-in
                                pack, rules/tests)

    OPTIONS:
      --rules PATH              a rule file, or a directory of *.rules files
                                (default: the built-in pack, a copy of rules/)
      -h, --help                show this help

    A TEST FILE:
      test "Red without a senior forum fires"
      as of 2024-10-01
      with forecast-overspend.tolerance = 10%
      records
        id,name,overall,escalated_to
        WS-1,Alpha,R,
        WS-2,Beta,R,COG
      expect red-needs-senior-forum on WS-1
      expect no red-needs-senior-forum on WS-2

      Columns the records lack are empty. A test lists every alert of the rules
      it names, and an alert it does not list fails it; 'expect nothing else'
      extends that to every rule.

    EXIT STATUS:
      0  every test passed
      1  a test failed
      2  invalid rules, test files or records, or TEST files that hold no test;
         the errors are on standard error

    """

  static let fmt = """
    USAGE: escalate fmt [--check] PATH...

    Rewrites rule files in place in the canonical layout: one declaration or
    clause per line, two-space indentation inside rule, schema and waiver
    blocks, single spaces around operators and only the parentheses the
    meaning needs. Comments, the order of clauses and the way values are
    written (£1.5m, 5%, 2 weeks) are kept, and a formatted file always means
    what it meant before. A file with syntax errors is reported and left as
    it is. Prints the files it rewrote, one per line.

    ARGUMENTS:
      PATH...                   a rule file, or a directory: every *.rules
                                file under it, subdirectories included

    OPTIONS:
      --check                   write nothing; list the files that are not
                                formatted, one per line
      -h, --help                show this help

    EXIT STATUS:
      0  every file is formatted
      1  with --check: a file is not formatted
      2  a file could not be read, parsed or written, or the usage is wrong

    """

  static let report = """
    USAGE: escalate report [--format html|markdown] [-o FILE] [--rules PATH]
                           [--as-of DATE] [--state FILE] [--waivers FILE]
                           [--param RULE.NAME=VALUE]... [--delimiter CHAR]
                           [--strict] DATA...

    Writes the board pack: a summary of alerts by severity and by section; every
    workstream with its current and previous overall rating, trend (improved,
    worse, same, new), dimension ratings and alerts; and the escalation queue by
    forum. HTML is one self-contained file, printable on A4, with every rating
    written as text as well as colour.

    OPTIONS:
      --format FORMAT           html (default) or markdown
      -o, --output FILE         write to FILE (atomically) instead of standard
                                output; FILE may not be one of the inputs
      --state FILE, --waivers FILE, and the options of 'escalate check': as for
                                'escalate queue'
      -h, --help                show this help

    EXIT STATUS:
      0  the report was written
      2  invalid rules, waivers, state, data or usage

    """

  static let digest = """
    USAGE: escalate digest --from ADDRESS --to ADDRESS[,ADDRESS...] [--cc ADDRESS,...]
                           [--per-owner DIR [--owners FILE]]
                           [--subject TEXT] [--classification MARKING] [-o FILE.eml]
                           [--rules PATH] [--as-of DATE] [--state FILE]
                           [--waivers FILE] [--forum NAME] DATA...

    Writes the pre-board email: one RFC 5322 message, multipart/alternative with a
    plain-text and an HTML part (UTF-8, quoted-printable), ready for
    'sendmail -t < digest.eml'. The subject says what matters ("Pre-board check
    26 Sep 2019: 1 critical, 5 new alerts for 3 forums"); the body has the
    summary, then each forum's entries, new first, with their reasons, then the
    waived and resolved alerts. A classification such as OFFICIAL goes at the
    start of the subject and at the top and bottom of both bodies.

    OPTIONS:
      --from, --to, --cc        addresses: 'name@example.org' or
                                'Name <name@example.org>'; --to and --cc take
                                comma-separated lists
      --subject TEXT            replace the subject escalate writes
      --classification MARKING  e.g. OFFICIAL or OFFICIAL-SENSITIVE
      -o, --output FILE         write the message to FILE (atomically); FILE
                                may not be one of the inputs
      --per-owner DIR           write one message per workstream owner, with
                                only their entries, to DIR/OWNER.eml (--to is
                                then copied in); owners' addresses come from an
                                owner_email column or --owners
      --owners FILE             a CSV of owner,email
      --state, --waivers, --forum and the options of 'escalate check': as for
                                'escalate queue'
      -h, --help                show this help

    EXIT STATUS:
      0  the message was written
      2  an invalid address, or invalid rules, data or usage

    """
}
