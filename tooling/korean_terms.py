"""The forbidden variants of the Korean glossary's terms (docs/glossary.ko.md), and where each
Korean page or notebook uses one. `tests/test_korean_terms.py` fails on any;
`python -m tooling.korean_terms` lists them, and `--table` prints the table. The same test fails on a
line that starts with "(" inside a paragraph, which renders as a space before the parenthesis.

Each variant is a regular expression, written to match only the sense the glossary forbids: "열"
is a column only before a particle or 레이블/이름 (never inside 열다, 열린, 문자열, 나열), "라인" only
where no syllable comes before it (never inside 파이프라인, 온라인, 인라인), "받다" only where a pool
class is what is received. `example` must match and every word of `SPARED` must not; the test
checks both, so a pattern that drifts fails there first.

Allowed everywhere: fenced blocks (the code and its output, and ```mermaid diagram labels, which
another editor words); for a variant in Latin letters, inline code too (a quoted error message or
an API name). On the glossary page itself: its headings (they name the English term) and a variant
between double quotes (the sentence that forbids it)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from tooling.pages import strip_fences
from tooling.repo import DOCS

GLOSSARY = DOCS / "glossary.ko.md"
H = "(?<![가-힣])"  # no Hangul syllable right before: the variant starts a word
PARTICLE = "(?=`?[을를이가은는의과와도만에로](?![가-힣]))"  # a one-syllable particle ends the word


def ending(*syllables: str) -> str:
    """A character class of every syllable that starts like one of these (하 -> 하, 한, 할, 합, ...),
    so that one entry covers a verb's endings: 하다, 한, 할, 합니다."""
    base = [0xAC00 + (ord(s) - 0xAC00) // 28 * 28 for s in syllables]
    return "[" + "".join(f"{chr(b)}-{chr(b + 27)}" for b in base) + "]"


DO = ending("하", "해")  # 하다: 하면, 한, 합니다, 했고


@dataclass(frozen=True)
class Variant:
    pattern: str  # a regular expression
    use: str  # the glossary's term, as the failure names it
    anchor: str  # its entry in docs/glossary.ko.md
    example: str  # a phrase the pattern must match
    in_code: bool = True  # also checked inside `inline code` (Hangul variants: placeholders like `테이블_열`)

    @property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)


VARIANTS = (
    Variant(H + r"라인", "계열 (2.0 계열, 두 계열)", "release-line", "두 라인 모두"),
    Variant(H + r"열(?:" + PARTICLE + r"| ?레이블| ?이름)", "컬럼 (컬럼 레이블)", "column", "`users.id` 열을 읽습니다"),
    Variant(
        H + r"(?:쉬(?:는|고|던|었|어|며|다가)|쉽니다|쉰(?= ?(?:커넥션|시간)))",
        "유휴 (유휴 커넥션, 유휴 상태)",
        "idle-connection",
        "풀에서 쉬는 커넥션",
    ),
    Variant(r"포크", "fork (fork한 뒤, fork 직후)", "fork", "포크 직후"),
    Variant(r"(?<![A-Za-z])cron 작업", "크론 작업", "cron-job", "cron 작업이", in_code=False),
    Variant(r"shared-cache URI", "공유 캐시 URI", "shared-cache-uri", "shared-cache URI를", in_code=False),
    Variant(r"UNIQUE`? 제약(?! ?조건)|유일 제약", "`UNIQUE` 제약 조건", "unique-constraint", "`UNIQUE` 제약을 어기면"),
    Variant(r"리셋", "초기화 (풀의 reset) / 연결 재설정 (TCP의 RST)", "reset", "리셋합니다"),
    Variant(r"(?<![A-Za-z`])reset (?:핸들러|쿼리)", "초기화 (초기화 핸들러)", "reset", "reset 핸들러", in_code=False),
    Variant(
        r"dispose(?:\(\))?`?" + ending("하", "해", "되", "돼"),
        "`dispose()`를 호출하다",
        "dispose",
        "엔진을 dispose하면",
    ),
    Variant(r"모양", "형태", "form", "오류의 모양은"),
    Variant(
        r"Pool`?[을를] 받|받는 (?:풀 )?클래스",
        "쓰이다 (엔진에는 `NullPool`이 쓰입니다)",
        "pool-class-used",
        "`NullPool`을 받았고",
    ),
    Variant(H + r"사본", "복사본", "copy", "엔진의 사본"),
    Variant(r"(?:asyncio|스레드)판|asyncio 변형", "asyncio 버전 / 스레드 버전", "asyncio-variant", "asyncio판 세션"),
    Variant(r"변경 ?내력", "변경 이력", "changelog", "변경 내력에"),
    Variant(H + r"(?:일생|생애)", "생명주기", "lifecycle", "커넥션의 일생"),
    Variant(r"\)`?[을를이가] (?:부|불)" + ending("르", "러"), "호출하다", "call", "`close()`를 부르면"),
    Variant(
        r"(?:끊어진|죽은) (?:커넥션|연결|소켓|상대|클라이언트|트랜잭션|서버)",
        "끊긴 커넥션 (서버: 비정상 종료된 서버, 트랜잭션: 실패한 트랜잭션)",
        "disconnected",
        "죽은 커넥션을 버립니다",
    ),
    Variant(r"세션 범위", '스코프 (`scope="session"` 픽스처)', "scope", "세션 범위의 엔진"),
    Variant(
        r"(?<!폐기 예정\()(?<![#/_.A-Za-z-])deprecated(?![A-Za-z])",
        "폐기 예정(deprecated)",
        "deprecated",
        "deprecated 메서드",
        in_code=False,
    ),
    Variant(
        r"프리페어드|준비된 (?:문장|구문|명령문)", "준비된 SQL 문", "prepared-statement", "프리페어드 스테이트먼트"
    ),
    # in English only as the gloss at first use, "준비된 SQL 문(prepared statement)", or in a message
    # that names one (prepared statement "_pg3_0" does not exist)
    Variant(
        r"(?<![(A-Za-z_])prepared statements?(?![A-Za-z_]| ?[\")])",
        "준비된 SQL 문",
        "prepared-statement",
        "prepared statement를 만듭니다",
        in_code=False,
    ),
    Variant(H + r"롤(?=[을이의에은과](?![가-힣])| )", "역할", "role", "롤을 만듭니다"),
    Variant(r"스타트업 파라미터|시작 매개변수", "시작 파라미터", "startup-parameter", "스타트업 파라미터"),
    Variant(r"(?<!커넥션 )풀 모드", "풀링 모드", "pool-mode", "풀 모드가 transaction"),
    Variant(r"죽" + ending("이", "여"), "강제 종료", "terminate", "서버 프로세스를 죽이면"),
    Variant(r"SQL 문장", "SQL 문", "statement", "SQL 문장을 보냅니다"),
    Variant(r"서버 세션을 받", "서버 세션을 쓰다 / 차지하다", "server-session", "어느 서버 세션을 받든"),
    Variant(r"자동 커밋", "autocommit", "autocommit", "자동 커밋 모드"),
    Variant(
        r"타임아웃" + ending("되", "돼"), "시간 초과 (시간 초과로 실패합니다)", "time-out", "쿼리가 타임아웃됩니다"
    ),
    Variant(
        r"조용해진 (?:커넥션|경로|네트워크|연결)|(?:커넥션|경로|네트워크|연결)[이가]? 조용해",
        "응답이 끊기다 (응답이 끊긴 커넥션)",
        "silent",
        "경로가 조용해지면",
    ),
    Variant(r"훑은 (?:인덱스|레코드)|(?:인덱스|레코드)[를을]? 훑", "스캔하다", "scan", "UPDATE가 훑은 인덱스 레코드"),
    Variant(r"고유하지 않은 인덱스", "비고유 인덱스", "scan", "고유하지 않은 인덱스"),
    Variant(r"대기 서버", "스탠바이 (스탠바이 서버(standby))", "standby", "대기 서버로 넘어갑니다"),
    Variant(r"스니펫", "예제", "snippet", "스니펫을 실행합니다"),
    Variant(r"증명(?!서)", "검증 (검증 실행)", "snippet", "증명 실행에서는"),
    Variant(r"바쁨 대기", "busy timeout", "busy-timeout", "바쁨 대기 시간"),
    Variant(
        r"(?:잊힌|잊어버린) (?:트랜잭션|세션|`Session`)", "방치된 (방치된 세션)", "forgotten", "잊힌 세션의 UPDATE"
    ),
    Variant(r"\(\)`" + DO, "`X()`를 호출하다 (`add()`로 추가하다)", "call", "`remove()`하지 않은 세션"),
    Variant(
        r"역할을 (?:합니다|한다|하는|해|했|하고|하며)",
        "…가 하는 일 (역할은 PostgreSQL의 role만)",
        "role",
        "풀 역할을 합니다",
    ),
    Variant(r"서버 측", "서버 쪽", "server-side", "서버 측 커서를 씁니다"),
    Variant(
        r"(?:커넥션|풀)[을를]? (?:닫지 않고 |닫지 않은 채 )?잊",
        "풀에서 떼어 내다",
        "dispose",
        "`close=False`는 커넥션을 잊기만 합니다",
    ),
    Variant(r"운영용 엔진", "운영 환경용 엔진", "production-engine", "[운영용 엔진](recipes-mariadb.md#recipe)"),
    Variant(
        r"(?:모듈을|`[a-z_]+(?:\.[a-z_]+)+`[을를]) 가져" + ending("오", "와"),
        "임포트하다",
        "import",
        "`sqlalchemy.ext.asyncio`를 가져옵니다",
    ),
    Variant(r"(?<![A-Za-z_/.-])changelog(?![A-Za-z_])", "변경 이력", "changelog", "2.1 changelog", in_code=False),
    Variant(r"(?<![A-Za-z_/.-])wheels?(?![A-Za-z_])", "휠", "wheel", "pgserver wheel에 든 서버", in_code=False),
    Variant(r"사건", "이벤트", "event", "사건 리스너"),
    Variant(r"만료" + DO, "만료시키다", "expired", "모든 객체를 만료합니다"),
    Variant(r"불러" + ending("오", "와"), "로드하다", "load", "다시 불러옵니다"),
    Variant(
        r"(?:예외|오류|에러)[을를] (?:던|일으)" + ending("지", "져", "키", "켜"),
        "발생시키다",
        "raise",
        "예외를 던집니다",
    ),
    Variant(r"(?:예외|오류|에러)가 (?:나[는면고지서도]|납니|났|난 )", "발생하다", "raise", "오류가 납니다"),
)

# Glossary rules with no row, because no pattern tells the forbidden sense from a good one:
# - 모습 for the form of an error: "동작하는 모습을 보여 줍니다" is good Korean (모양 has a row);
# - 자리 for a server slot: "`await`를 쓴 자리에서", "그 자리에서 닫고" are not slots;
# - 기다리다 for the `await` keyword: waiting on a lock or a pool is 기다리다;
# - 받다 in general: a function 받습니다 an argument; only "a pool class gets" has a row;
# - 연결 for a connection: 연결 끊김, 연결 인자 and 연결하다 are right;
# - first use with the English beside it (자동 시작(autobegin), 아이덴티티 맵(identity map)): a rule
#   about order on a page, not a variant.

# Words that contain a variant's letters in another sense; no pattern may match them.
SPARED = (
    "커넥션을 열 때",
    "커넥션을 열고",
    "열린 트랜잭션",
    "열어 둔 커넥션",
    "열려 있는",
    "열면",
    "문자열을",
    "나열의",
    "열 개의 커넥션",
    "파이프라인을",
    "온라인 문서",
    "인라인으로",
    "가이드라인은",
    "쉬운 예제",
    "쉬워집니다",
    "복사본을",
    "롤백합니다",
    "롤백이",
    "인자를 받습니다",
    "예외를 받아",
    "레지스트리를 `ScopedSession`이라고 부르며",
    "이 상태를 idle이라고 부릅니다",
    "`DeprecationWarning`",
    "폐기 예정(deprecated)",
    "[폐기 예정](glossary.md#deprecated)",
    "발생합니다",
    "`UNIQUE` 제약 조건",
    "커넥션 풀 모드",
    "죽지 않은 프로세스",
    "오류가 나타납니다",
    "오류가 나오면",
    "준비된 SQL 문(prepared statement)",
    'prepared statement "_pg3_0" does not exist',
    "`reset` 이벤트",
    "연결 재설정(RST)",
    "[2.1 변경 이력](https://docs.sqlalchemy.org/en/21/changelog/changelog_21.html)",
    "<https://www.pgbouncer.org/changelog.html>",
    "응답을 가져옵니다",
    "`updated_at`을 가져옵니다",
    "맵만 훑지만",
    "역할을 하나 만듭니다",
    "서버 쪽 커서",
    "조용한 시간대",
    "쉽게 드러납니다",
    "쉽습니다",
)


@dataclass(frozen=True)
class Violation:
    where: str  # docs/x.ko.md:12, or docs/x.ko.ipynb: cell 3, line 2
    found: str
    variant: Variant

    def __str__(self) -> str:
        return f'{self.where}: "{self.found}": use {self.variant.use} (glossary.ko.md#{self.variant.anchor})'


INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
# Where Latin-letter variants are not prose: inline code (above), link targets and bare addresses.
LINK_TARGET = re.compile(r"\]\([^)\s]*\)|<?https?://[^\s)>]*>?")
GLOSSARY_ALLOWED = re.compile(r'^#{1,6} .*$|"[^"\n]*"', re.MULTILINE)


def _blank(pattern: re.Pattern, text: str) -> str:
    """text with pattern's matches made spaces, so lines and columns stay where they were."""
    return pattern.sub(lambda m: " " * len(m[0]), text)


def text_violations(text: str, where, glossary: bool = False) -> list[Violation]:
    """The variants in one page's Markdown; where(line number) says where a line is."""
    text = strip_fences(text)
    if glossary:
        text = _blank(GLOSSARY_ALLOWED, text)
    without_code = _blank(LINK_TARGET, _blank(INLINE_CODE, text))
    found = []
    for variant in VARIANTS:
        searched = text if variant.in_code else without_code
        for m in variant.regex.finditer(searched):
            found.append((m.start(), Violation(where(searched.count("\n", 0, m.start()) + 1), m[0], variant)))
    return [violation for _, violation in sorted(found, key=lambda pair: pair[0])]


# A line of prose that starts with "(" after another line of the same paragraph: Markdown joins the
# two lines with a space, and Korean attaches the parenthesis to the word before it ("실행합니다(링크)").
PAREN_AFTER_BREAK = re.compile(r"(?<=[^\s]\n)[ \t]*\(", re.MULTILINE)


def text_paren_breaks(text: str, where) -> list[str]:
    """Lines of one page's Markdown (outside fenced blocks) that start with "(" inside a paragraph."""
    text = strip_fences(text)
    return [
        f'{where(text.count("\n", 0, m.start()) + 1)}: the line starts with "(": join it to the line before '
        "(a line break before a parenthesis renders as a space)"
        for m in PAREN_AFTER_BREAK.finditer(text)
    ]


def markdown_of(path: Path):
    """(Markdown, where) for a Korean page, or for each Markdown cell of a Korean notebook; where(line)
    names a line as docs/NAME.ko.md:12 or docs/NAME.ko.ipynb: cell 3, line 2."""
    name = f"{path.parent.name}/{path.name}"  # docs/NAME.ko.md
    if path.suffix != ".ipynb":
        yield path.read_text(encoding="utf-8"), lambda line: f"{name}:{line}"
        return
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"], 1):
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            yield source, lambda line, n=number: f"{name}: cell {n}, line {line}"


def file_violations(path: Path) -> list[Violation]:
    """The variants on a Korean page (docs/NAME.ko.md) or in a Korean notebook's Markdown cells."""
    return [v for text, where in markdown_of(path) for v in text_violations(text, where, glossary=path == GLOSSARY)]


def file_paren_breaks(path: Path) -> list[str]:
    return [problem for text, where in markdown_of(path) for problem in text_paren_breaks(text, where)]


def korean_files() -> list[Path]:
    return sorted([*DOCS.glob("*.ko.md"), *DOCS.glob("*.ko.ipynb")])


def violations() -> list[Violation]:
    return [v for path in korean_files() for v in file_violations(path)]


def table() -> str:
    """The table as Markdown: an example, the variant, the term to use, whether inline code is checked."""
    rows = ["| example | forbidden (regular expression) | use | in inline code |", "| --- | --- | --- | --- |"]
    for v in VARIANTS:
        pattern = v.pattern.replace("|", "\\|")
        rows.append(f"| {v.example} | `{pattern}` | {v.use} | {'checked' if v.in_code else 'allowed'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    if sys.argv[1:] == ["--table"]:
        print(table())
    else:
        found = [*map(str, violations()), *(p for path in korean_files() for p in file_paren_breaks(path))]
        print("\n".join(found) or "no forbidden variants, no line break before a parenthesis")
        sys.exit(1 if found else 0)
