#!/usr/bin/python3
"""tests/schema/check_schema.py - the JSON Schema `planpress schema` prints,
checked with a real validator (python3-jsonschema, draft-07, as VS Code's YAML
extension validates): every file of the content folders given is valid; every
bad input of tests/bad is invalid, but those tests/schema/not-expressible.txt
lists with the reason a schema cannot say it (cross-file, dates that do not
exist ...), which must stay valid so the list never goes stale.

YAML is read as yaml-language-server reads it (YAML 1.2's core schema: `1.10`
a number, `No` and `2018-05-01` text, merge keys), not as PyYAML's YAML 1.1
would (`No` false, dates as dates); a duplicate key is an error of the YAML,
as the editor says it is.

Usage: check_schema.py SCHEMA.json --valid DIR... --invalid DIR... --list FILE
Prints one line per failure and ends with "N passed, N failed"."""
import json
import os
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core schema scalars."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ('tag:yaml.org,2002:null', r'^(?:~|null|Null|NULL|)$', ['~', 'n', 'N', '']),
    ('tag:yaml.org,2002:bool', r'^(?:true|True|TRUE|false|False|FALSE)$', list('tTfF')),
    ('tag:yaml.org,2002:int', r'^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$',
     list('-+0123456789')),
    ('tag:yaml.org,2002:float',
     r'^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?'
     r'|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$', list('-+.0123456789')),
    ('tag:yaml.org,2002:merge', r'^<<$', ['<']),
]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(regexp), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith('0o'):
        return int(text[2:], 8)
    if text.startswith('0x'):
        return int(text[2:], 16)
    return int(text)


def construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        if key_node.tag == 'tag:yaml.org,2002:merge':
            continue  # a merge key's keys are the mapping's only where it has none
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, 'duplicate key %r' % (key,), key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


Yaml12Loader.add_constructor('tag:yaml.org,2002:int', construct_int)
Yaml12Loader.add_constructor('tag:yaml.org,2002:map', construct_mapping)


def load(path):
    with open(path, 'rb') as f:
        return yaml.load(f, Loader=Yaml12Loader)


def yaml_files(folder, deep=True):
    """The content files of a folder and those below it; with deep False,
    the bad inputs: the folder's own files, and each folder's site.yaml."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(('.yaml', '.yml')):
                continue
            if deep or root == folder or name == 'site.yaml' and \
                    os.path.dirname(root) == folder and \
                    os.path.basename(folder) == 'sites':
                yield os.path.join(root, name)


def main():
    args = sys.argv[1:]
    schema = json.load(open(args.pop(0)))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    valid, invalid, listed = [], [], {}
    mode = None
    for a in args:
        if a in ('--valid', '--invalid', '--list'):
            mode = a
        elif mode == '--valid':
            valid.append(a)
        elif mode == '--invalid':
            invalid.append(a)
        elif mode == '--list':
            for line in open(a, encoding='utf-8'):
                line = line.strip()
                if line and not line.startswith('#'):
                    name, _, reason = line.partition(':')
                    listed[name.strip()] = reason.strip()
    passed = failed = 0

    def fail(message):
        nonlocal failed
        failed += 1
        print('FAIL: ' + message)

    for folder in valid:
        for path in yaml_files(folder):
            try:
                errors = list(validator.iter_errors(load(path)))
            except yaml.YAMLError as e:
                fail('%s: not read as YAML: %s' % (path, e))
                continue
            if errors:
                best = jsonschema.exceptions.best_match(errors)
                fail('%s: the schema refuses it: %s at %s' % (
                    path, best.message, '/'.join(map(str, best.absolute_path))))
            else:
                passed += 1
    seen = set()
    for folder in invalid:
        for path in yaml_files(folder, deep=False):
            # a bad site is the site.yaml of a folder named after its case
            name = os.path.basename(os.path.dirname(path)) \
                if path.endswith('/site.yaml') and 'sites' in path else \
                os.path.splitext(os.path.basename(path))[0]
            seen.add(name)
            try:
                data = load(path)
                refused = bool(list(validator.iter_errors(data)))
            except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError):
                # the editor's YAML parser says so, before any schema (a key
                # that is a list is no JSON)
                refused = True
            if name in listed and refused:
                fail('%s: listed in not-expressible.txt, but the schema refuses it: '
                     'take it off the list' % path)
            elif name not in listed and not refused:
                fail('%s: the schema accepts this bad input (make the schema say it, or '
                     'list it in not-expressible.txt with the reason it cannot)' % path)
            else:
                passed += 1
    for name in sorted(set(listed) - seen):
        fail('not-expressible.txt lists %s, which is no bad input' % name)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
