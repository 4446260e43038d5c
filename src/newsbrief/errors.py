"""The few exceptions newsbrief raises. Messages are one line and say what to do next."""


class NewsbriefError(Exception):
    """Base class: the CLI prints these as one line and exits 2, without a traceback."""


class InputError(NewsbriefError):
    """An input could not be read or used; the message starts with the file (or input) it came from.

    id (str | None): the identifier of the input, when it has one (a batch's error line carries it).
    """

    def __init__(self, message: str, id: str | None = None) -> None:
        super().__init__(message)
        self.id = id


class ConfigError(NewsbriefError, ValueError):
    """A setting is out of range; the message names the setting, the allowed values and what was given."""


class StageError(NewsbriefError):
    """A pipeline stage broke its contract (returned something other than a Cluster)."""
