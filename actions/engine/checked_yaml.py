"""Coach-editable YAML files read through pydantic models, with errors that name the file and the key.

Used for actions/knowledge/advice.yml, understanding.yml, topics.yml and nlu_components/entity_roles.yml.
Imports nothing from the project, so both the engine and the NLU components can use it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Type, TypeVar

import yaml
from pydantic import BaseModel, Extra, ValidationError

# The C loader is much faster when PyYAML was built with libyaml; both are safe loaders.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Model = TypeVar("Model", bound=BaseModel)


class YamlFileError(ValueError):
    """A coach-editable YAML file does not match its model; the message names the file and every bad key."""


class Strict(BaseModel):
    """A read-only part of a YAML file in which an unknown (misspelt) key is an error."""

    class Config:
        """No extra keys, no changes after loading."""

        extra = Extra.forbid
        frozen = True
        allow_population_by_field_name = True


def phrase(value: Any) -> str:
    """A phrase or word of a cue list: text, not a YAML yes/no or number that would silently become one."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text (put it in quotes)")
    return value


def phrases(values: Any) -> List[str]:
    """A list of phrases (see phrase)."""
    if not isinstance(values, list):
        raise ValueError("must be a list of phrases")
    return [phrase(value) for value in values]


def phrase_table(table: Any) -> Dict[str, List[str]]:
    """A mapping of names to lists of phrases (see phrase)."""
    if not isinstance(table, dict):
        raise ValueError("must be a mapping of names to lists of phrases")
    return {key: phrases(values) for key, values in table.items()}


def pattern_table(table: Any) -> Dict[str, List[str]]:
    """A mapping of names to lists of regular expressions that compile."""
    if not isinstance(table, dict):
        raise ValueError("must be a mapping of names to lists of regular expressions")
    found = {}
    for key, values in table.items():
        if not isinstance(values, list):
            raise ValueError(f"{key}: must be a list of regular expressions")
        for index, value in enumerate(values):
            try:
                re.compile(phrase(value))
            except (re.error, ValueError) as error:
                raise ValueError(f"{key}[{index}]: not a valid regular expression ({error})") from None
        found[key] = values
    return found


def keys_among(*allowed: str) -> Callable[[Dict[str, Any]], Dict[str, Any]]:
    """A check that a mapping uses only the given keys, naming any other one."""

    def check(table: Dict[str, Any]) -> Dict[str, Any]:
        """Refuse a key that is not allowed."""
        wrong = [key for key in table if key not in allowed]
        if wrong:
            raise ValueError(f"unknown key(s) {wrong}; the keys are {', '.join(allowed)}")
        return table

    return check


def key_path(location: Sequence[Any], data: Any) -> str:
    """Spell a pydantic error location as a key path, with the id of list entries that have one."""
    parts: List[str] = []
    for step in location:
        if step == "__root__":
            continue
        if isinstance(step, int):
            entry = data[step] if isinstance(data, list) and 0 <= step < len(data) else None
            named = entry.get("id") if isinstance(entry, dict) else None
            parts[-1] += f"[{step}]" + (f" (id {named})" if named is not None else "")
            data = entry
            continue
        parts.append(str(step))
        data = data.get(step) if isinstance(data, dict) else None
    return ".".join(parts)


def describe(error: ValidationError, data: Any, source: str) -> str:
    """One line per problem: the file, the key and what is wrong with it."""
    lines = []
    for problem in error.errors():
        location = problem["loc"]
        given = (problem.get("ctx") or {}).get("given")
        if location and location[-1] == "__key__" and given is not None:
            location = (*location[:-1], given)  # a key that is not allowed: name it, not pydantic's "__key__"
        key = key_path(location, data)
        lines.append(f"{source}: {key + ': ' if key else ''}{problem['msg']}")
    return "\n".join(lines)


def parse_checked(model: Type[Model], data: Any, source: str) -> Model:
    """Validate already loaded YAML data against the model, raising YamlFileError that names source."""
    if not isinstance(data, dict):
        raise YamlFileError(f"{source}: the file must be a mapping of keys to values")
    try:
        return model.parse_obj(data)
    except ValidationError as error:
        raise YamlFileError(describe(error, data, source)) from None


def load_checked(model: Type[Model], path: Path | str) -> Model:
    """Read one YAML file and validate it against the model."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        raise YamlFileError(f"{path}: not valid YAML ({error})") from None
    return parse_checked(model, data, str(path))
