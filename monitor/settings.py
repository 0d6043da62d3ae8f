"""Settings: bundled defaults, an optional file, then ``MONITOR_*`` environment variables.

This is the one module that reads the environment. Everything is validated at
start, and an error names the key, where its value came from and what was expected.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from loguru import logger
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from events.urls import safe_url
from monitor.act_parts import PARTS
from monitor.errors import ConfigError
from monitor.resources import default_settings_file

ENV_PREFIX = "MONITOR_"
# Variables with a meaning of their own, outside the SECTION__KEY scheme.
ENV_DB = "MONITOR_DB"
ENV_CONFIG = "MONITOR_CONFIG"
#: The file read from a folder given as the config (``MONITOR_CONFIG=/config``).
CONFIG_IN_FOLDER = "monitor.toml"
ENV_LOG_JSON = "MONITOR_LOG_JSON"
_SHORTCUTS = {ENV_DB: ("store", "path"), ENV_LOG_JSON: ("logging", "json")}


class _KeyValueError(ValueError):
    """A section's validator's complaint about one of its keys, so that the error names
    it as ``section.key`` (as pydantic's own errors do), not the section alone."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = tuple(key.split("."))


class _Section(BaseModel):
    # allow_inf_nan: "inf" passes gt=0 and then overflows every timer (seen: fetch.deadline).
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _types_are_strict(cls, data: Any) -> Any:
        # Pydantic would take true for an integer and 1 for a boolean; a file that
        # says ``concurrency = true`` has a mistake in it, so say so.
        if not isinstance(data, Mapping):
            return data
        for name, info in cls.model_fields.items():
            key = info.alias or name
            value = data.get(key, data.get(name))
            if info.annotation in (int, float) and isinstance(value, bool):
                raise _KeyValueError(key, f"must be a number, not the boolean {str(value).lower()}")
            if (
                info.annotation is bool
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                raise _KeyValueError(key, f"must be true or false, not the number {value}")
        return data


class StoreSettings(_Section):
    """Where and how the event store is kept: a SQLite file (the default) or PostgreSQL."""

    path: Path | None = None
    # ``postgresql://user:password@host:5432/database`` puts the log and the read
    # models on PostgreSQL; empty (or ``sqlite:///path``) keeps the SQLite file.
    url: str = ""
    # The PostgreSQL schema that holds this monitor's tables: several monitors may
    # share a database, each in a schema of its own.
    schema_name: str = Field("public", alias="schema", pattern=r"^[a-z_][a-z0-9_]{0,62}$")
    busy_timeout_ms: int = Field(10_000, ge=0)
    synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "NORMAL"
    connect_timeout: float = Field(10.0, gt=0, le=300)

    @field_validator("path", mode="before")
    @classmethod
    def _empty_means_default(cls, value: object) -> object:
        # Path("") would be ".", the current folder: empty means "the default location".
        return None if value == "" else value

    @field_validator("url")
    @classmethod
    def _known_kind_of_url(cls, value: str) -> str:
        value = value.strip()
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme and scheme not in {"postgresql", "postgres", "sqlite"}:
            raise ValueError(
                "expected postgresql://user:password@host:5432/database, sqlite:///path "
                f"or nothing (the SQLite file at store.path), not a {scheme}:// URL"
            )
        return value

    def postgres_url(self) -> str | None:
        """The PostgreSQL URL, when the store is on PostgreSQL."""
        scheme = self.url.split("://", 1)[0].lower() if "://" in self.url else ""
        return self.url if scheme in {"postgresql", "postgres"} else None

    def sqlite_url_path(self) -> Path | None:
        """The file of a ``sqlite:///path`` URL."""
        if not self.url.lower().startswith("sqlite://"):
            return None
        # As SQLAlchemy spells them: sqlite:///relative.db, sqlite:////absolute.db.
        rest = self.url.split("://", 1)[1]
        return Path(rest[1:] if rest.startswith("/") else rest)


class LoggingSettings(_Section):
    """Log level and format."""

    level: Literal["TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR"] = "INFO"
    json_lines: bool = Field(False, alias="json")


def parse_duration(value: object) -> float:
    """Seconds from a number or a text like "90s", "15m", "1h", "1d" (or "1h30m")."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 90s, 15m, 1h or 1d")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        parts = re.fullmatch(r"\s*(?:(\d+(?:\.\d+)?)\s*([smhd]))+\s*", value.lower())
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        if parts:
            found = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd])", value.lower())
            seconds = sum(float(n) * units[u] for n, u in found)
        elif re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value):
            seconds = float(value)  # a bare number is seconds, and must be positive too
        else:
            raise ValueError(f"expected a duration such as 90s, 15m, 1h or 1d, not {value!r}")
    else:
        raise ValueError("expected a duration such as 90s, 15m, 1h or 1d")
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


class FetchSettings(_Section):
    """Timeouts, caps, redirects, the SSRF guard and politeness."""

    connect_timeout: float = Field(10.0, gt=0)
    read_timeout: float = Field(20.0, gt=0)
    deadline: float = Field(60.0, gt=0)
    max_feed_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_page_bytes: int = Field(5 * 1024 * 1024, gt=0)
    max_redirects: int = Field(5, ge=0)
    user_agent: str = ""
    allow_private_networks: bool = False
    per_host_concurrency: int = Field(2, ge=1)
    per_host_delay: float = Field(1.0, ge=0)
    concurrency: int = Field(8, ge=1)
    # A proxy for every fetch (http://[user:password@]host:port); empty: HTTPS_PROXY
    # and HTTP_PROXY from the environment, by the target's scheme, or none.
    proxy: str = ""
    # Hosts (and their subdomains) fetched directly, comma-separated; empty: NO_PROXY.
    no_proxy: str = ""

    @field_validator("proxy")
    @classmethod
    def _an_http_proxy(cls, value: str) -> str:
        return _checked_proxy(value, "fetch.proxy")

    def proxies(self, environ: Mapping[str, str] | None = None) -> tuple[str, str, tuple[str, ...]]:
        """The HTTP proxy, the HTTPS proxy and the NO_PROXY hosts that fetches use."""
        env = os.environ if environ is None else environ

        def from_env(name: str) -> str:
            return (env.get(name) or env.get(name.lower()) or "").strip()

        http = self.proxy or _checked_proxy(from_env("HTTP_PROXY"), "HTTP_PROXY")
        https = self.proxy or _checked_proxy(from_env("HTTPS_PROXY"), "HTTPS_PROXY")
        bypass = self.no_proxy or from_env("NO_PROXY")
        return http, https, tuple(h.strip() for h in bypass.split(",") if h.strip())


def _checked_proxy(value: str, where: str) -> str:
    """A proxy URL as fetches use it, or ValueError naming where it came from."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value if "://" in value else f"http://{value}")
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(
            f"{where}: expected a proxy as http://host:port (or host:port), not {safe_url(value)!r}"
        )
    return urlunsplit(parts)


class PollingSettings(_Section):
    """How often feeds are polled and how failures back off."""

    #: The shortest interval any feed may be polled at, and the smallest backoff: a
    #: guard against settings that would hammer a server. Lower it only for tests.
    min_interval: Duration = 60.0
    default_interval: Duration = 3600.0
    backoff_base: Duration = 300.0
    backoff_cap: Duration = 86400.0
    jitter: float = Field(0.1, ge=0, le=1)
    parse_workers: int = Field(2, ge=1, le=16)
    parse_timeout: float = Field(30.0, gt=0)

    @model_validator(mode="after")
    def _no_hammering(self) -> PollingSettings:
        floor = self.min_interval
        for key in ("default_interval", "backoff_base"):
            if getattr(self, key) < floor:
                raise _KeyValueError(
                    key, f"{getattr(self, key):g} s is shorter than min_interval ({floor:g} s)"
                )
        if self.backoff_cap < self.backoff_base:
            raise _KeyValueError(
                "backoff_cap",
                f"{self.backoff_cap:g} s is shorter than backoff_base ({self.backoff_base:g} s)",
            )
        return self


class ExtractionSettings(_Section):
    """Article extraction."""

    timeout: float = Field(20.0, gt=0)
    workers: int = Field(1, ge=1, le=16)
    min_chars: int = Field(200, ge=0)
    fetch_pages: bool = True
    #: Pages fetched per feed in one pass; a feed's further new items wait as pending,
    #: so that a feed of 10,000 entries does not hold a pass for hours.
    max_pages_per_feed: int = Field(50, ge=1)
    #: Pending items (left by a cap or a stopped pass) extracted at the end of each pass.
    pending_per_pass: int = Field(200, ge=1)


class AssessmentSettings(_Section):
    """Judging articles against the corpus (see monitor/assess.py for the thresholds)."""

    enabled: bool = True
    window_days: int = Field(120, ge=1)
    relevant: float = Field(0.5, ge=0, le=1)
    known_story: float = Field(0.80, ge=0, le=1)
    novel_sentence: float = Field(0.45, ge=0, le=1)
    novel_share_for_update: float = Field(0.6, ge=0, le=1)
    aligned_share_for_story: float = Field(0.4, ge=0, le=1)
    same_story: float = Field(0.5, ge=0, le=1)
    duplicate_containment: float = Field(0.7, ge=0, le=1)
    grow_corpus: bool = True
    baseline: bool = True
    baseline_days: int = Field(7, ge=0)
    #: Keep sentence vectors in ``<store>.vectors``, so a start does not embed the corpus again.
    vector_cache: bool = True


class DaemonSettings(_Section):
    """``monitor run``: the scheduler's rhythm, its heartbeat and its shutdown."""

    heartbeat_interval: Duration = Field(10.0, gt=0)
    health_max_age: Duration = Field(60.0, gt=0)
    startup_spread: Duration = Field(300.0, ge=0)
    process_interval: Duration = Field(30.0, gt=0)
    sync_interval: Duration = Field(60.0, gt=0)
    shutdown_timeout: Duration = Field(30.0, gt=0)
    store_retry: Duration = Field(60.0, gt=0)


def _valid_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r} (an IANA name such as Europe/Brussels)"
        ) from None
    return value


def _valid_crontab(value: str) -> str:
    # Checked with the trigger the daemon will build, so what passes here runs there.
    if value.strip():
        from monitor.crontab import cron_trigger  # noqa: PLC0415 (apscheduler: slow import)

        try:
            cron_trigger(value, "UTC")
        except ValueError as exc:
            raise ValueError(
                f"{value!r} is not a crontab line (minute hour day month weekday, "
                f"e.g. '0 7 * * *' for 07:00 every day; seconds may come first): {exc}"
            ) from None
    return value.strip()


class EmailSettings(_Section):
    """Digests by email over SMTP; the password is best set in the environment."""

    enabled: bool = False
    host: str = ""
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str = ""
    password: SecretStr = SecretStr("")
    sender: str = Field("", alias="from")
    to: list[str] = Field(default_factory=list)
    timeout: float = Field(30.0, gt=0)
    # A CA bundle for a relay with a private certificate authority ("" = the system's).
    ca_file: Path | None = None

    @field_validator("ca_file", mode="before")
    @classmethod
    def _empty_ca_means_system(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> EmailSettings:
        if self.enabled:
            missing = [
                name
                for name, value in (("host", self.host), ("from", self.sender), ("to", self.to))
                if not value
            ]
            if missing:
                keys = " and ".join(f"digest.email.{name}" for name in missing)
                raise ValueError(f"email is enabled, but {keys} must be set too")
        return self


class AppriseSettings(_Section):
    """Notifications through Apprise URLs (they carry tokens: best set in the environment)."""

    urls: list[str] = Field(default_factory=list)

    @field_validator("urls")
    @classmethod
    def _apprise_installed(cls, value: list[str]) -> list[str]:
        if value and importlib.util.find_spec("apprise") is None:
            raise ValueError(
                "Apprise URLs are set but apprise is not installed "
                "(pip install 'ai-act-monitor[notify]')"
            )
        return value


DigestFormat = Literal["md", "html", "json", "atom"]


def _default_formats() -> list[DigestFormat]:
    return ["md", "html", "json"]


class DigestSettings(_Section):
    """Digests: when they are made, what they show, where they go and how failures retry."""

    schedule: Annotated[str, AfterValidator(_valid_crontab)] = "0 7 * * *"
    timezone: Annotated[str, AfterValidator(_valid_timezone)] = "UTC"
    send_empty: bool = True
    max_sentences: int = Field(5, ge=1)
    chart_days: int = Field(14, ge=0, le=366)
    output_dir: Path | None = None
    formats: list[DigestFormat] = Field(default_factory=_default_formats)
    atom_entries: int = Field(50, ge=1)
    #: Only updates that concern one of these parts of the Act (empty: all).
    parts: list[str] = Field(default_factory=list)
    retry_base: Duration = 300.0
    retry_cap: Duration = 21600.0
    #: How long a sender's claim on a delivery attempt holds before another may retry it.
    claim_lease: Duration = 600.0
    max_attempts: int = Field(0, ge=0)
    email: EmailSettings = EmailSettings()
    apprise: AppriseSettings = AppriseSettings()

    @field_validator("output_dir", mode="before")
    @classmethod
    def _empty_means_default(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("parts")
    @classmethod
    def _known_parts(cls, value: list[str]) -> list[str]:
        unknown = [part for part in value if part not in PARTS]
        if unknown:
            raise ValueError(
                f"unknown part(s) of the Act {', '.join(unknown)}; known: {', '.join(PARTS)}"
            )
        return value


class WebSettings(_Section):
    """``monitor serve``: the web app and the HTTP API."""

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    #: Needed for anything that writes, and to listen beyond loopback at all.
    token: SecretStr = SecretStr("")
    #: The address readers reach the app at (for ``rel="self"`` links behind a proxy);
    #: empty means the address of each request.
    base_url: str = ""
    page_size: int = Field(50, ge=1, le=1000)

    @field_validator("base_url")
    @classmethod
    def _http_base(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) URL, not {value!r}")
        return value.rstrip("/")


class DefaultFeed(_Section):
    """A feed that ``monitor init`` adds."""

    url: str
    name: str = ""
    language: str = ""
    tags: list[str] = Field(default_factory=list)
    interval: Duration | None = None


class CorpusSettings(_Section):
    """The reference corpus."""

    seeds: Path


class Settings(_Section):
    """All settings of the monitor, validated."""

    store: StoreSettings
    logging: LoggingSettings
    corpus: CorpusSettings
    fetch: FetchSettings = FetchSettings()
    polling: PollingSettings = PollingSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    assessment: AssessmentSettings = AssessmentSettings()
    daemon: DaemonSettings = DaemonSettings()
    digest: DigestSettings = DigestSettings()
    web: WebSettings = WebSettings()
    feeds: list[DefaultFeed] = Field(default_factory=list)
    #: The files the settings were read from, in order (not a key of the file).
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _feeds_not_too_often(self) -> Settings:
        for number, feed in enumerate(self.feeds):
            if feed.interval is not None and feed.interval < self.polling.min_interval:
                raise _KeyValueError(
                    f"feeds.{number}.interval",
                    f"{feed.interval:g} s is shorter than polling.min_interval "
                    f"({self.polling.min_interval:g} s)",
                )
        return self

    def user_agent(self, version: str) -> str:
        """The User-Agent header: the configured one, or one naming the project and version."""
        return self.fetch.user_agent or (
            f"ai-act-monitor/{version} (+https://github.com/ai-act-monitor/ai-act-monitor)"
        )

    def store_path(self) -> Path:
        """The event store's file: the configured one, or the default location.

        On PostgreSQL there is no store file; the path is then where this machine
        keeps its own files beside the store (the heartbeat, the vector cache,
        digests), and its name says which database they belong to.
        """
        from_url = self.store.sqlite_url_path()
        if from_url is not None:
            return from_url.expanduser()
        if self.store.path is not None:
            return self.store.path.expanduser()
        if self.store.postgres_url() is not None:
            return default_store_path().with_name("postgresql")
        return default_store_path()

    def digest_dir(self) -> Path:
        """Where digests are written: the configured folder, or ``digests`` next to the store."""
        if self.digest.output_dir is not None:
            return self.digest.output_dir.expanduser()
        return self.store_path().with_name("digests")


def default_store_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME/ai-act-monitor/monitor.db``, or under ``~/.local/share``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ai-act-monitor" / "monitor.db"


# Keys whose values are paths: a relative path is read relative to its file.
_PATH_KEYS = {
    ("store", "path"),
    ("corpus", "seeds"),
    ("digest", "output_dir"),
    ("digest", "email", "ca_file"),
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"config file {path} is not UTF-8 text (byte {exc.start}): is it the right file?"
        ) from None
    except OSError as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc.strerror or exc}") from None


def _merge(
    target: dict[str, Any],
    layer: Mapping[str, Any],
    origin: str,
    origins: dict[tuple[str, ...], str],
    base_dir: Path | None,
    prefix: tuple[str, ...] = (),
) -> None:
    for key, value in layer.items():
        where = (*prefix, key)
        if isinstance(value, Mapping):
            node = target.get(key)
            if not isinstance(node, dict):
                node = target[key] = {}
            _merge(node, value, origin, origins, base_dir, where)
            continue
        if where in _PATH_KEYS and isinstance(value, str) and value and base_dir is not None:
            candidate = Path(value).expanduser()
            target[key] = str(candidate if candidate.is_absolute() else base_dir / candidate)
        else:
            target[key] = value
        origins[where] = origin


def _env_value(raw: str) -> Any:
    # JSON lists and objects are allowed for list settings; scalars stay strings
    # and pydantic converts them ("10" to 10, "true" to True).
    if raw[:1] in "[{":
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return raw


def _env_layer(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[tuple[str, ...], str]]:
    layer: dict[str, Any] = {}
    names: dict[tuple[str, ...], str] = {}
    for name, raw in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or name == ENV_CONFIG:
            continue
        path: tuple[str, ...]
        if name in _SHORTCUTS:
            path = _SHORTCUTS[name]
        elif "__" in name:
            path = tuple(part.lower() for part in name[len(ENV_PREFIX) :].split("__"))
        else:
            # Not of the settings' form: Kubernetes injects MONITOR_PORT=tcp://...
            # for a Service named "monitor". Said, never refused: refusing would
            # stop every command, the health check included.
            logger.warning(
                f"ignoring environment variable {name}: settings are set as "
                f"MONITOR_<SECTION>__<KEY> (or {ENV_DB}, {ENV_CONFIG}, {ENV_LOG_JSON})"
            )
            continue
        node = layer
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = _env_value(raw)
        names[path] = f"environment variable {name}"
    return layer, names


def _describe(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "missing key"
    got = error.get("input")
    if isinstance(got, str) and "://" in got:
        got = safe_url(got)  # a store URL's password stays out of the message
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if isinstance(got, Mapping):  # a whole section was judged: its keys are in the message
        return message
    return f"{message} (got {got!r})"


def load_settings(
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read and validate the settings; raise ``ConfigError`` naming every bad key."""
    env = os.environ if environ is None else environ
    if config_file is None and env.get(ENV_CONFIG):
        config_file = Path(env[ENV_CONFIG])
    default_file = default_settings_file()
    merged: dict[str, Any] = {}
    origins: dict[tuple[str, ...], str] = {}
    sources = [str(default_file)]
    _merge(merged, _read_toml(default_file), f"file {default_file}", origins, default_file.parent)
    if config_file is not None:
        config_file = config_file.expanduser().resolve()
        if config_file.is_dir():
            # A folder (a container's mounted /config): its monitor.toml when there is
            # one. A file mounted that is missing would become an empty folder instead.
            inside = config_file / CONFIG_IN_FOLDER
            config_file = inside if inside.is_file() else None
    if config_file is not None:
        _merge(merged, _read_toml(config_file), f"file {config_file}", origins, config_file.parent)
        sources.append(str(config_file))
    env_layer, env_names = _env_layer(env)
    _merge(merged, env_layer, "environment", origins, Path.cwd())
    origins.update(env_names)
    for key, value in (overrides or {}).items():
        section, _, name = key.partition(".")
        merged.setdefault(section, {})[name] = value
        origins[(section, name)] = "command line"
    try:
        return Settings.model_validate({**merged, "sources": tuple(sources)})
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            loc = tuple(str(p) for p in error["loc"])
            problem = error.get("ctx", {}).get("error")
            if isinstance(problem, _KeyValueError):
                loc, described = loc + problem.key, str(problem)
            else:
                described = _describe(error)
            origin = next(
                (origins[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in origins),
                f"file {sources[-1]}",
            )
            lines.append(f"{'.'.join(loc)}: {described} [{origin}]")
        raise ConfigError("invalid settings:\n  " + "\n  ".join(lines)) from None
