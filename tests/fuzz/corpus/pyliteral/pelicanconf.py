#!/usr/bin/env python
# -*- coding: utf-8 -*- #
from __future__ import unicode_literals

AUTHOR = u'Ines Marlow'
SITENAME = u"Gull Notes"
PREVIEW = False
SITEURL = 'https://gull.example' if not PREVIEW else 'http://localhost:8000'

PATH = 'content'
TIMEZONE = 'Europe/Lisbon'
DEFAULT_LANG = u'en'

ARTICLE_URL = 'log/{date:%Y}/{date:%m}/{slug}/'
ARTICLE_SAVE_AS = 'log/{date:%Y}/{date:%m}/{slug}/index.html'
TAG_URL = 'tags/{slug}/'

STATIC_PATHS = ['images']

MARKDOWN = {
    'extension_configs': {
        'markdown.extensions.extra': {},
        'markdown.extensions.meta': {},
    },
    'output_format': 'html5',
}
