"""What the AWS CLI reads from shared config or credentials files, as JSON on stdout.

Usage: python3 botocore-reading.py FILE...  ->  one JSON list, one entry per FILE.

The reading is botocore's own (botocore/configloader.py, raw_config_parse and the profile part
of build_profile_map), restated with the standard library only so that no botocore needs to be
installed: configparser.RawConfigParser() with its defaults, cp.read([path]), the indented
"nested" values parsed the same way, and the same errors turned into "the file cannot be read".
"""

import configparser
import json
import shlex
import sys


def _parse_nested(config_value):
    parsed = {}
    for line in config_value.splitlines():
        line = line.strip()
        if not line:
            continue
        key, value = line.split('=', 1)
        parsed[key.strip()] = value.strip()
    return parsed


def raw_config_parse(path):
    config = {}
    cp = configparser.RawConfigParser()
    try:
        cp.read([path])
    except (configparser.Error, UnicodeDecodeError) as error:
        return {'ok': False, 'error': type(error).__name__}
    for section in cp.sections():
        config[section] = {}
        for option in cp.options(section):
            config_value = cp.get(section, option)
            if config_value.startswith('\n'):
                try:
                    config_value = _parse_nested(config_value)
                except ValueError:
                    return {'ok': False, 'error': 'NestedValueError'}
            config[section][option] = config_value
    return {
        'ok': True,
        'sections': config,
        'defaults': dict(cp.defaults()),
        'profiles': profile_sections(config),
    }


def profile_sections(config):
    """For each profile of a config file, every section naming it (botocore takes the last)."""
    profiles = {}
    for key in config:
        if key.startswith('profile'):
            try:
                parts = shlex.split(key)
            except ValueError:
                continue
            if len(parts) == 2:
                profiles.setdefault(parts[1], []).append(key)
        elif key == 'default':
            profiles.setdefault(key, []).append(key)
    return profiles


print(json.dumps([raw_config_parse(path) for path in sys.argv[1:]]))
