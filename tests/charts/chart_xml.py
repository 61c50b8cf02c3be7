"""Parsing helpers shared by the chart tests: the SVG must be well-formed XML to be read at all."""

from __future__ import annotations

from lxml import etree

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def find(root: etree._Element, xpath: str) -> list[etree._Element]:
    return list(root.xpath(xpath, namespaces=NS))


def by_class(root: etree._Element, klass: str) -> list[etree._Element]:
    return find(root, f".//*[contains(concat(' ', @class, ' '), ' {klass} ')]")
