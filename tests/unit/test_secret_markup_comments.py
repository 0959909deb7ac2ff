"""A `<!-- ... -->` block spanning lines takes its lines out of effect for the guessing rules."""

from __future__ import annotations

from hms_policy.secrets.filters import names_a_setting
from hms_policy.secrets.values import in_markup_comment

_LINES = ["<Context>", "  <!--", '  <Resource password="x"', "  />", "  -->", '  <Resource password="y"/>']


def test_lines_inside_a_markup_comment() -> None:
    assert in_markup_comment(_LINES, 2) and in_markup_comment(_LINES, 3)
    assert not in_markup_comment(_LINES, 5)
    assert not in_markup_comment(_LINES, 4)  # the closing line may carry live content after it
    assert not in_markup_comment(["<!-- one line -->", 'password="z"'], 1)


def test_a_constant_naming_a_setting() -> None:
    assert names_a_setting(["user", "property", "change", "password"], "forcePassword")
    assert not names_a_setting(["admin", "password"], "forcePassword")  # no setting word in the key
    assert not names_a_setting(["property", "password"], "s3cr3t!pw")  # the value is not a name
