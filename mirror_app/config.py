"""The kiosk's configuration: one TOML file, every key documented, validated with the line and
key named in each error; command-line flags override it.

The schema below is the single source: defaults, types, checks and the text of docs/kiosk.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import MirrorError
from .share.address import check_address
from .share.wifi import WifiNetwork, WifiSecurity
from .staff import DEFAULT_PIN, hash_pin, is_valid_hash
from .tracking import defaults as tracking_defaults

APP_NAME = "mirror-app"


class ConfigError(MirrorError):
    """The configuration file is wrong; the message names the file, line and key."""


@dataclass(frozen=True)
class Key:
    """One setting: where it goes in the file, what it may hold and what it means. Its default is
    the ``MirrorConfig`` field's (defaults are written once, there)."""

    section: str
    name: str
    kind: type | tuple[type, ...]
    doc: str
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None

    @property
    def attr(self) -> str:
        return f"{self.section}_{self.name}"

    @property
    def default(self) -> Any:
        return _DEFAULTS[self.attr]


def _one_of(*options: Any) -> Callable[[Any], str | None]:
    return lambda v: None if v in options else f"must be one of {', '.join(map(repr, options))}"


def _between(lo: float, hi: float) -> Callable[[Any], str | None]:
    return lambda v: None if lo <= v <= hi else f"must be between {lo} and {hi}"


def _url_template(v: str) -> str | None:
    if v == "":
        return None
    if not re.match(r"^https?://", v):
        return "must start with http:// or https://"
    try:
        v.format(item_ids="x")
    except (KeyError, IndexError, ValueError):
        return "may only contain the field {item_ids}"
    return None


def _listen_address(v: str) -> str | None:
    return None if v == "" else check_address(v)


def _pin_hash(v: str) -> str | None:
    return None if v == "" or is_valid_hash(v) else "is not a PIN hash; make one with `mirror-app staff-pin`"


SCHEMA: tuple[Key, ...] = (
    Key("camera", "device", (int, str), "Camera index (0, 1, …) or device path (Linux: /dev/v4l/by-id/…)."),
    Key("camera", "width", int, "Requested capture width in pixels.", _between(160, 7680)),
    Key("camera", "height", int, "Requested capture height in pixels.", _between(120, 4320)),
    Key("camera", "fps", int, "Requested frames per second.", _between(1, 120)),
    Key("camera", "mjpg", bool, "Ask the camera for MJPG (USB cameras give full frame rate only in MJPG)."),
    Key(
        "camera",
        "rotation",
        int,
        "Clockwise rotation that makes people upright: 0, 90, 180 or 270.",
        _one_of(0, 90, 180, 270),
    ),
    Key("camera", "mirror", bool, "Show the picture mirrored, like a real mirror."),
    Key("catalog", "path", str, "Catalog folder; empty for the bundled demo catalog."),
    Key(
        "model",
        "path",
        str,
        "Pose model (.task); empty for the bundled full model. Lite/heavy models from Google work too.",
    ),
    Key(
        "tracking",
        "num_poses",
        int,
        "People the mirror looks at, a few times a second, to choose the shopper (the most prominent; "
        "the choice sticks). The shopper alone is then tracked every frame, so more people cost little.",
        _between(1, 10),
    ),
    Key(
        "tracking",
        "detection_size",
        int,
        "Longer side, in pixels, of the picture the mirror looks for people in.",
        _between(256, 1920),
    ),
    Key("tracking", "segmentation", bool, "Use the shopper's own mask so their hands stay in front of garments."),
    Key("display", "language", str, "Language at start: ko or en (shoppers can switch).", _one_of("ko", "en")),
    Key("display", "fullscreen", bool, "Full screen, frameless, cursor hidden."),
    Key(
        "session",
        "idle_timeout_s",
        (int, float),
        "Seconds with nobody in front before the attract loop starts.",
        _between(3, 3600),
    ),
    Key(
        "photo",
        "policy",
        str,
        "never: photos only on screen; keep: saved to the photo folder and deleted after keep_minutes.",
        _one_of("never", "keep"),
    ),
    Key(
        "photo",
        "keep_minutes",
        int,
        "Minutes a photo is kept: with policy keep, on disk; with share lan, on the shop's network (then gone from memory).",
        _between(1, 10080),
    ),
    Key("photo", "folder", str, "With policy keep: where photos go; empty for the platform's data folder."),
    Key(
        "photo",
        "qr_url_template",
        str,
        "Link in the photo's QR code; {item_ids} becomes the outfit's ids. Empty: the catalog's.",
        _url_template,
    ),
    Key(
        "photo",
        "share",
        str,
        "off: the QR code opens the order page. lan: it opens the photo itself on the shopper's phone, served by the mirror on the shop's network (docs/photo-sharing.md).",
        _one_of("off", "lan"),
    ),
    Key(
        "photo",
        "address",
        str,
        "With share lan: this computer's address on the shop's network; empty for its first private address.",
        _listen_address,
    ),
    Key("photo", "port", int, "With share lan: the port phones connect to.", _between(1024, 65535)),
    Key(
        "photo",
        "share_until",
        str,
        "With share lan: keep_minutes: a photo is gone keep_minutes after it was taken; next_visit: gone when the next shopper's visit starts (after keep_minutes at the latest).",
        _one_of("keep_minutes", "next_visit"),
    ),
    Key(
        "photo",
        "wifi_ssid",
        str,
        "With share lan: the guest Wi-Fi's name; a second QR code on the photo screen joins it. Empty: no second code.",
    ),
    Key("photo", "wifi_password", str, "The guest Wi-Fi's password (shown to shoppers inside that QR code)."),
    Key(
        "photo",
        "wifi_security",
        str,
        "The guest Wi-Fi's security: WPA (also WPA2/WPA3), WEP, or nopass for an open network.",
        _one_of("WPA", "WEP", "nopass"),
    ),
    Key("photo", "wifi_hidden", bool, "The guest Wi-Fi does not announce its name."),
    Key(
        "staff",
        "pin_hash",
        str,
        "Salted hash of the staff PIN (make one with `mirror-app staff-pin`). Empty: PIN 0000.",
        _pin_hash,
    ),
    Key("staff", "max_tries", int, "Wrong PINs before the staff menu locks.", _between(1, 20)),
    Key("staff", "lockout_s", int, "First lockout in seconds (doubles each time).", _between(5, 86400)),
    Key("sizing", "enabled", bool, "Offer size advice when a shopper stands still for two seconds."),
    Key(
        "sizing",
        "world_scale",
        (int, float),
        "Scale of MediaPipe's body size to real centimetres: a staff member of known height stands still, and the ratio of true to shown height goes here (docs/sizing.md).",
        _between(0.7, 1.5),
    ),
    Key(
        "analytics",
        "enabled",
        bool,
        "Keep anonymous counts (items tried, photos, QR codes) for `mirror-app report`. No images, no personal data.",
    ),
    Key("analytics", "retention_days", int, "Days an analytics event is kept.", _between(1, 3650)),
    Key(
        "privacy",
        "network",
        str,
        "off: the mirror process cannot open internet connections (Linux seccomp; elsewhere use the firewall). on: allowed.",
        _one_of("off", "on"),
    ),
    Key(
        "logging",
        "level",
        str,
        "Log level: DEBUG, INFO, WARNING or ERROR.",
        _one_of("DEBUG", "INFO", "WARNING", "ERROR"),
    ),
)
_BY_ATTR = {k.attr: k for k in SCHEMA}


@dataclass(frozen=True)
class MirrorConfig:
    """Settings after file and flags; attribute names are ``section_key``. The defaults here are
    the only ones: ``SCHEMA`` documents and checks each field, the docs and ``config init`` read
    the defaults from here."""

    camera_device: int | str = 0
    camera_width: int = 1280
    camera_height: int = 720
    camera_fps: int = 30
    camera_mjpg: bool = True
    camera_rotation: int = 0
    camera_mirror: bool = True
    catalog_path: str = ""
    model_path: str = ""
    tracking_num_poses: int = tracking_defaults.FINDER_PEOPLE
    tracking_detection_size: int = tracking_defaults.FINDER_LONG_SIDE
    tracking_segmentation: bool = tracking_defaults.SEGMENTATION
    display_language: str = "ko"
    display_fullscreen: bool = True
    session_idle_timeout_s: float = 20.0
    photo_policy: str = "never"
    photo_keep_minutes: int = 10
    photo_folder: str = ""
    photo_qr_url_template: str = ""
    photo_share: str = "off"
    photo_address: str = ""
    photo_port: int = 8080
    photo_share_until: str = "keep_minutes"
    photo_wifi_ssid: str = ""
    photo_wifi_password: str = ""
    photo_wifi_security: str = "WPA"
    photo_wifi_hidden: bool = False
    staff_pin_hash: str = ""
    staff_max_tries: int = 5
    staff_lockout_s: int = 60
    sizing_enabled: bool = True
    sizing_world_scale: float = 1.0
    analytics_enabled: bool = True
    analytics_retention_days: int = 180
    privacy_network: str = "off"
    logging_level: str = "INFO"
    source_file: str | None = field(default=None, compare=False)

    def with_overrides(self, **values: Any) -> MirrorConfig:
        """Apply command-line values (None means "not given"), checked like file values."""
        given = {k: v for k, v in values.items() if v is not None}
        for attr, value in given.items():
            key = _BY_ATTR.get(attr)
            if key is None:
                raise ValueError(f"unknown setting {attr}")
            problem = _check(key, value)
            if problem:
                raise ConfigError(f"--{key.name.replace('_', '-')} {value!r} {problem}")
        return replace(self, **given)

    @property
    def guest_wifi(self) -> WifiNetwork | None:
        """The guest Wi-Fi for the photo screen's second QR code (None: not configured)."""
        if not self.photo_wifi_ssid:
            return None
        return WifiNetwork(
            self.photo_wifi_ssid,
            self.photo_wifi_password,
            WifiSecurity(self.photo_wifi_security),
            self.photo_wifi_hidden,
        )

    @property
    def effective_pin_hash(self) -> str:
        return self.staff_pin_hash or _DEFAULT_PIN_HASH

    @property
    def uses_default_pin(self) -> bool:
        return not self.staff_pin_hash


_DEFAULT_PIN_HASH = hash_pin(DEFAULT_PIN, salt=b"mirror-default!!", iterations=1000)

_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(MirrorConfig) if f.name != "source_file"}

assert set(_DEFAULTS) == set(_BY_ATTR), "every MirrorConfig field needs its Key in SCHEMA, and back"


def _check(key: Key, value: Any) -> str | None:
    kinds = key.kind if isinstance(key.kind, tuple) else (key.kind,)
    if isinstance(value, bool) and bool not in kinds:
        return f"must be {_kind_words(kinds)}"
    if not isinstance(value, kinds):
        return f"must be {_kind_words(kinds)}, not {type(value).__name__}"
    return key.check(value) if key.check else None


def _kind_words(kinds: tuple[type, ...]) -> str:
    names = {int: "a whole number", float: "a number", str: "text in quotes", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _line_of(text: str, section: str, name: str | None) -> int | None:
    """Line number of ``name`` inside ``[section]`` (or of the section header)."""
    current = None
    for no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        m = re.match(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if m:
            current = m.group(1)
            if name is None and current == section:
                return no
            continue
        if name is not None and current == section and re.match(rf"^{re.escape(name)}\s*=", stripped):
            return no
    return None


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_config(path: Path | None = None, *, required: bool = False) -> MirrorConfig:
    """Read and check the TOML file; a missing default file means all defaults."""
    path = path or default_config_path()
    if not path.exists():
        if required:
            raise ConfigError(f"configuration file not found: {path}")
        return MirrorConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(data, text, path)


def parse_config(data: Mapping[str, Any], text: str, path: Path) -> MirrorConfig:
    values: dict[str, Any] = {}
    sections = {k.section for k in SCHEMA}
    for section, body in data.items():
        if section not in sections:
            line = _line_of(text, section, None)
            raise ConfigError(f"{path}:{line or '?'}: unknown section [{section}]{_suggest(section, sections)}")
        if not isinstance(body, dict):
            raise ConfigError(f"{path}: [{section}] must be a table of settings")
        known = {k.name: k for k in SCHEMA if k.section == section}
        for name, value in body.items():
            line = _line_of(text, section, name)
            where = f"{path}:{line or '?'}: [{section}] {name}"
            key = known.get(name)
            if key is None:
                raise ConfigError(f"{where}: unknown key{_suggest(name, set(known))}")
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and float in (key.kind if isinstance(key.kind, tuple) else (key.kind,))
            ):
                value = float(value)
            problem = _check(key, value)
            if problem:
                raise ConfigError(f"{where} = {value!r} {problem}")
            values[key.attr] = value
    config = MirrorConfig(**values, source_file=str(path))
    wifi = config.guest_wifi
    problem = wifi.problem() if wifi is not None else None
    if problem:
        line = _line_of(text, "photo", "wifi_ssid")
        raise ConfigError(f"{path}:{line or '?'}: [photo] guest Wi-Fi: {problem}")
    return config


def _suggest(word: str, choices: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def schema_markdown() -> str:
    """The key table of docs/kiosk.md."""
    lines = ["| key | default | meaning |", "|---|---|---|"]
    for k in SCHEMA:
        default = repr(k.default).replace("'", '"') if not isinstance(k.default, bool) else str(k.default).lower()
        lines.append(f"| `[{k.section}] {k.name}` | `{default}` | {k.doc} |")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def default_toml() -> str:
    """A complete configuration file with every key at its default, each explained above it."""
    lines = [
        "# Mirror kiosk configuration (written by `mirror-app config init`).",
        "# Every key is optional: delete a line to go back to its default. Reference: docs/kiosk.md.",
        "# Check this file with `mirror-app config check`; command-line flags override it.",
    ]
    section = None
    for key in SCHEMA:
        if key.section != section:
            section = key.section
            lines += ["", f"[{section}]"]
        lines.append(f"# {key.doc}")
        lines.append(f"{key.name} = {_toml_value(key.default)}")
    return "\n".join(lines) + "\n"


def changed_settings(config: MirrorConfig) -> list[str]:
    """``[section] key = value`` for each setting that differs from its default (PIN hash hidden)."""
    out = []
    for key in SCHEMA:
        value = getattr(config, key.attr)
        if value != key.default:
            shown = "(set)" if key.attr in ("staff_pin_hash", "photo_wifi_password") else _toml_value(value)
            out.append(f"[{key.section}] {key.name} = {shown}")
    return out


def config_warnings(config: MirrorConfig) -> list[str]:
    """Settings that work but should not stay that way in a shop."""
    warnings = []
    if config.uses_default_pin:
        warnings.append(
            f"the staff PIN is the default {DEFAULT_PIN}: make one with `mirror-app staff-pin` "
            "and put the line under [staff] in the configuration"
        )
    if config.photo_wifi_ssid and config.photo_share != "lan":
        warnings.append('[photo] wifi_ssid is set, but its QR code shows only with [photo] share = "lan"')
    return warnings
