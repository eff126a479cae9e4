"""``{% cachedfragment %}``: a part of a template kept between renders.

    {% load fragment_tags %}
    {% cachedfragment "section-articles" page articles.number %}
        ... the same for every reader, whatever its language's catalogue says ...
    {% endcachedfragment %}

The name and the values after it (model instances by their primary key) choose the
stored copy, with the active language and the host; what the block reads decides when
the copy is dropped (``muhabir.pagecache.fragments``). Put the queries the block needs
inside it (lazy QuerySets, paginator pages) so that a kept copy saves them too.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from muhabir.pagecache.fragments import remembered

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context) -> str:
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        html = remembered(
            context.get("request"),
            f"template:{name}",
            parts,
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 - the block's own output, escaped as it rendered


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a name: {{% cachedfragment \"name\" value ... %}}"
        )
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
