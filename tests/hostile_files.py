"""Hostile and empty return files, shared by the CLI and web tests (one place, so both refuse the same set).

Each is small: the point is that the parser never expands, fetches or recurses, not that it survives load.
"""

from __future__ import annotations

_CIN_BODY = (
    "<Message><Children><Child><ChildIdentifiers><LAchildID>{x}</LAchildID>"
    "</ChildIdentifiers></Child></Children></Message>"
)


def _laughs() -> str:
    lines = ['<!ENTITY a "aaaaaaaaaa">']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f'<!ENTITY {cur} "{("&" + prev + ";") * 10}">')
    return '<?xml version="1.0"?>\n<!DOCTYPE Message [\n' + "\n".join(lines) + "\n]>\n"


HOSTILE: dict[str, bytes] = {
    "billion_laughs.xml": (_laughs() + _CIN_BODY.format(x="&j;")).encode(),
    "quadratic.xml": (
        f'<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY a "{"x" * 20000}">]>\n'
        + _CIN_BODY.format(x="&a;" * 2000)
    ).encode(),
    "deep.xml": (
        "<Message><Children>" + "<Child>" * 100_000 + "</Child>" * 100_000 + "</Children></Message>"
    ).encode(),
    "external_dtd.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE Message SYSTEM "http://127.0.0.1:9/x.dtd">\n'
        + _CIN_BODY.format(x="&ext;")
    ).encode(),
    "parameter_entity.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n'
        + _CIN_BODY.format(x="x")
    ).encode(),
    "xinclude.xml": (
        b'<?xml version="1.0"?>\n<Message xmlns:xi="http://www.w3.org/2001/XInclude"><Children>'
        b'<Child><ChildIdentifiers><LAchildID><xi:include href="file:///etc/passwd" parse="text"/>'
        b"</LAchildID></ChildIdentifiers></Child></Children></Message>"
    ),
    "workforce_laughs.xml": (
        _laughs() + "<Message><CSWWWorker><AgencyWorker>&j;</AgencyWorker></CSWWWorker></Message>"
    ).encode(),
    "header_only.csv": b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE\n",
    "blank_lines.csv": b"\r\n\r\n   \r\n",
}
