"""stripper: keep the article's own text, drop the page chrome, say why for every block.

    >>> import stripper
    >>> result = stripper.strip(html_bytes, url="https://example.com/a")
    >>> result.text, result.title, result.dropped[0].reason
"""
from .api import explain, strip
from .config import Config, default_config, load_config
from .errors import InputTooLarge, RuleError, StripperError, UnsupportedInput
from .model import BlockReport, Decision, Result
from .streaming import StreamedDoc, strip_stream

__all__ = [
    "strip", "explain", "strip_stream", "StreamedDoc", "Config", "default_config", "load_config", "Result", "BlockReport", "Decision",
    "StripperError", "UnsupportedInput", "InputTooLarge", "RuleError",
]
__version__ = "0.1.0"
