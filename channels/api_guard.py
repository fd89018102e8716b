"""Rasa's HTTP API answers a body it cannot use with a 4xx, never a 500: ``/model/train``, ``/model/test/intents``.

Rasa 3.6 answers 500 when an authorised client sends these routes a body that is valid YAML or JSON of the
wrong shape (``{"a": 1}`` to train: "finished without a trained model"; ``null`` or ``[1, 2]`` to test intents:
an unhandled schema error). The routes are wrapped after Rasa's own token check: a body without anything to
train or test on is a 400 before any work starts, and what still fails inside Rasa because of the payload
(an unusable configuration, data that does not evaluate) is a 422 with Rasa's message. Requests without the
token still get Rasa's 401. Installed once per app by the REST channel when the server starts.
"""

from __future__ import annotations

import json
import logging
from functools import wraps
from typing import Any, Awaitable, Callable, Dict

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

YAML_CONTENT_TYPE = "application/x-yaml"  # the one Rasa's /model/test/intents reads as YAML
TRAINING_KEYS = ("nlu", "stories", "rules")
Handler = Callable[..., Awaitable[HTTPResponse]]


def _yaml_mapping(request: Request) -> Dict[str, Any] | str:
    """The body as a YAML mapping, or what is wrong with it."""
    import rasa.shared.utils.io

    try:
        value = rasa.shared.utils.io.read_yaml(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    except Exception as error:  # noqa: BLE001 - ruamel raises many kinds; all mean "not YAML"
        return f"the body is not valid YAML: {str(error)[:200]}"
    if not isinstance(value, dict):
        return "the body must be a YAML mapping (training data in Rasa's YAML format)"
    return value


def training_body_problem(request: Request) -> str | None:
    """Why /model/train cannot train on this body, or None when it may."""
    value = _yaml_mapping(request)
    if isinstance(value, str):
        return value
    if not any(isinstance(value.get(key), list) and value[key] for key in TRAINING_KEYS):
        return "the body has no training data: it needs a non-empty 'nlu', 'stories' or 'rules' list"
    return None


def intent_test_body_problem(request: Request) -> str | None:
    """Why /model/test/intents cannot evaluate this body, or None when it may."""
    if request.headers.get("content-type") == YAML_CONTENT_TYPE:
        value = _yaml_mapping(request)
        if isinstance(value, str):
            return value
        if not isinstance(value.get("nlu"), list):
            return "the body has no 'nlu' list of examples to test"
        return None
    from rasa.shared.nlu.training_data.schemas.data_schema import rasa_nlu_data_schema
    from rasa.shared.utils.validation import validate_training_data

    try:
        data = json.loads(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    except (ValueError, RecursionError):
        return f"the body is not valid JSON (send YAML as Content-Type: {YAML_CONTENT_TYPE})"
    if not isinstance(data, dict):
        return "the body must be a JSON object with 'rasa_nlu_data'"
    try:
        validate_training_data(data, rasa_nlu_data_schema())
    except Exception as error:  # noqa: BLE001 - SchemaValidationError and jsonschema's own errors
        return f"the body is not Rasa NLU data: {str(error)[:300]}"
    return None


def _refuse(status: int, reason: str, message: str) -> HTTPResponse:
    """An error body shaped like Rasa's own."""
    return response.json({"status": "failure", "reason": reason, "message": message, "code": status}, status=status)


def checked(inner: Handler, problem: Callable[[Request], str | None]) -> Handler:
    """inner, refusing bodies it cannot use (400) and turning payload failures inside Rasa into a 422."""
    from rasa.server import ErrorResponse

    @wraps(inner)
    async def handler(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
        """Check the body, then run Rasa's handler."""
        reason = problem(request)
        if reason is not None:
            return _refuse(400, "BadRequest", reason)
        try:
            return await inner(request, *args, **kwargs)
        except ErrorResponse as error:
            if error.status < 500:
                raise
            message = error.error_info.get("message", "")
            logger.warning("%s could not use its body: %s", request.path, message)
            return _refuse(422, error.error_info.get("reason", "UnprocessableEntity"), message)
        except Exception as error:  # noqa: BLE001 - Rasa lets payload errors escape as a 500
            logger.warning("%s could not use its body: %r", request.path, error)
            return _refuse(422, "UnprocessableEntity", f"the body could not be used: {str(error)[:300]}")

    return handler


CHECKS = {"/model/train": training_body_problem, "/model/test/intents": intent_test_body_problem}


def install(app: Sanic) -> int:
    """Wrap the routes of CHECKS behind Rasa's token check (once per app); returns how many were wrapped."""
    from rasa.server import requires_auth

    if getattr(app.ctx, "coach_api_guard", False):
        return 0
    app.ctx.coach_api_guard = True
    wrapped = 0
    for route in app.router.routes:
        path = "/" + route.path.strip("/")
        problem = CHECKS.get(path)
        if problem is None or "POST" not in route.methods:
            continue
        handler = route.handler
        closure = dict(zip(handler.__code__.co_freevars, (cell.cell_contents for cell in handler.__closure__ or ())))
        if "token" not in closure or "f" not in closure:  # not Rasa 3.6's requires_auth: leave the route alone
            logger.warning("%s is not wrapped by Rasa's token check as expected: not guarded", path)
            continue
        route.handler = requires_auth(app, closure["token"])(checked(closure["f"], problem))
        wrapped += 1
    return wrapped
