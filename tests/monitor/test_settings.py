"""Settings: bundled defaults, a file laid over them, environment overrides, clear errors."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from loguru import logger

from monitor.errors import ConfigError
from monitor.logging import configure_logging
from monitor.resources import bundled_config_dir
from monitor.settings import default_store_path, load_settings


def test_the_bundled_defaults_load_and_name_the_shipped_seed_corpus() -> None:
    settings = load_settings(environ={})
    assert settings.store.synchronous == "NORMAL"
    assert settings.corpus.seeds == bundled_config_dir() / "seeds" / "seeds.toml"
    assert settings.corpus.seeds.is_file()


def test_the_default_store_path_follows_xdg_data_home(tmp_path: Path) -> None:
    assert default_store_path({"XDG_DATA_HOME": str(tmp_path)}) == (
        tmp_path / "ai-act-monitor" / "monitor.db"
    )
    assert load_settings(environ={}).store_path() == default_store_path()


def test_nested_environment_variables_override_the_files(tmp_path: Path) -> None:
    settings = load_settings(
        environ={
            "MONITOR_STORE__BUSY_TIMEOUT_MS": "2500",
            "MONITOR_LOGGING__JSON": "true",
            "MONITOR_DB": str(tmp_path / "x.db"),
        }
    )
    assert settings.store.busy_timeout_ms == 2500
    assert settings.logging.json_lines is True
    assert settings.store_path() == tmp_path / "x.db"


def test_a_config_file_is_laid_over_the_defaults_with_paths_relative_to_it(
    tmp_path: Path,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text('[store]\npath = "data/m.db"\n[logging]\nlevel = "DEBUG"\n')
    settings = load_settings(config, environ={})
    assert settings.store_path() == tmp_path / "data" / "m.db"
    assert settings.logging.level == "DEBUG"
    assert settings.store.busy_timeout_ms == 10_000, "untouched keys keep their defaults"
    assert settings.sources[-1] == str(config)


def test_monitor_config_names_the_file_too(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[logging]\nlevel = "ERROR"\n')
    assert load_settings(environ={"MONITOR_CONFIG": str(config)}).logging.level == "ERROR"


def test_an_unknown_key_names_the_key_and_the_file(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[store]\nbusy_timeout = 5\n")
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    assert "store.busy_timeout: unknown key" in str(info.value)
    assert str(config) in str(info.value)


def test_a_wrong_type_from_the_environment_names_the_variable() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(environ={"MONITOR_STORE__BUSY_TIMEOUT_MS": "soon"})
    message = str(info.value)
    assert "store.busy_timeout_ms" in message
    assert "environment variable MONITOR_STORE__BUSY_TIMEOUT_MS" in message
    assert "'soon'" in message


def test_every_bad_key_is_reported_at_once(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[store]\nsynchronous = "SOMETIMES"\n[logging]\nlevel = 3\n[nope]\n')
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    message = str(info.value)
    assert "store.synchronous" in message and "logging.level" in message
    assert "nope: unknown key" in message


def test_a_missing_or_broken_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("[store\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(broken, environ={})


def test_standard_library_warnings_become_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json_lines=True)
    logging.getLogger("apscheduler.scheduler").warning("Run time of job was missed")
    logging.getLogger("trafilatura").info("chatter below WARNING is dropped")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["message"] for line in lines] == ["Run time of job was missed"]
    assert lines[0]["source"] == "apscheduler.scheduler"
    assert lines[0]["level"] == "WARNING"


def test_json_log_lines_are_flat_and_short(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", json_lines=True)
    logger.bind(feed="3f2a9c1b7d0e", item="3f2a9c1b7d0e-1").info("2 new item(s)")
    try:
        raise ValueError("bad feed")
    except ValueError:
        logger.exception("poll failed")
    first, second = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert set(first) == {"time", "level", "message", "logger", "feed", "item"}
    assert first["message"] == "2 new item(s)" and first["feed"] == "3f2a9c1b7d0e"
    assert first["time"].endswith("+00:00") and first["level"] == "INFO"
    assert len(json.dumps(first)) < 200
    assert "ValueError: bad feed" in second["exception"]


def test_a_variable_outside_the_settings_form_is_ignored_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What Kubernetes injects for a Service named "monitor".
    from loguru import logger  # noqa: PLC0415

    sink = logger.add(lambda message: print(message, end="", file=sys.stderr), level="WARNING")
    try:
        settings = load_settings(
            environ={"MONITOR_PORT": "tcp://10.0.0.7:8080", "MONITOR_SERVICE_HOST": "10.0.0.7"}
        )
    finally:
        logger.remove(sink)
    assert settings.fetch.deadline > 0
    err = capsys.readouterr().err
    assert "ignoring environment variable MONITOR_PORT" in err


def test_a_setting_with_an_unknown_key_is_still_refused_with_its_name() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"MONITOR_FETCH__DEADLIN": "5"})
    assert "MONITOR_FETCH__DEADLIN" in str(caught.value)


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_infinite_or_undefined_numbers_are_refused_with_the_key(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"MONITOR_FETCH__DEADLINE": value})
    assert "fetch.deadline" in str(caught.value)


SETTINGS_CASES = sorted((Path(__file__).parents[1] / "data" / "settings").glob("*.toml"))


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=[c.name for c in SETTINGS_CASES])
def test_a_bad_settings_file_is_one_clear_error(case: Path) -> None:
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# Expect: "), case
    with pytest.raises(ConfigError) as info:
        load_settings(case, environ={})
    message = str(info.value)
    assert first.removeprefix("# Expect: ") in message
    assert str(case) in message


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("MONITOR_POLLING__DEFAULT_INTERVAL", "0", "a duration must be positive"),
        ("MONITOR_POLLING__BACKOFF_BASE", "0", "a duration must be positive"),
        ("MONITOR_POLLING__DEFAULT_INTERVAL", "30", "shorter than min_interval"),
    ],
)
def test_an_interval_that_would_hammer_a_server_is_refused_from_the_environment(
    name: str, value: str, expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_settings(environ={name: value})


def test_a_lower_floor_is_a_setting_of_its_own() -> None:
    settings = load_settings(
        environ={"MONITOR_POLLING__MIN_INTERVAL": "1s", "MONITOR_POLLING__DEFAULT_INTERVAL": "2s"}
    )
    assert settings.polling.default_interval == 2.0


def test_a_config_folder_reads_its_monitor_toml_and_may_have_none(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    assert (
        load_settings(environ={"MONITOR_CONFIG": str(folder)}).sources[-1].endswith("default.toml")
    )
    (folder / "monitor.toml").write_text("[fetch]\nconcurrency = 3\n")
    settings = load_settings(environ={"MONITOR_CONFIG": str(folder)})
    assert settings.fetch.concurrency == 3 and settings.sources[-1].endswith("monitor.toml")
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(environ={"MONITOR_CONFIG": str(tmp_path / "missing.toml")})
