from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from frikommune.forms import option_tags


def test_option_tags_escape_values_and_labels_and_mark_the_chosen_one():
    html = option_tags(
        [
            ("", gettext_lazy("Alle udvalg"), False),
            ('a"b', "Social- & Sundhedsudvalget <Aarhus>", True),
            (2019, 2019, False),
        ]
    )

    assert isinstance(html, SafeString)
    assert html.splitlines() == [
        '<option value="">Alle udvalg</option>',
        '<option value="a&quot;b" selected>Social- &amp; Sundhedsudvalget &lt;Aarhus&gt;</option>',
        '<option value="2019">2019</option>',
    ]
