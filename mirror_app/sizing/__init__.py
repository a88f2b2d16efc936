"""Size advice from a shopper who stands still: body estimate → size chart → words."""

from .advice import Fit, SizeAdvice, recommend_size
from .body import BodyModel, Reason
from .measurer import BodyEstimate, BodyMeasurer, MeasurerSettings
from .texts import AdviceText, advice_text

__all__ = [
    "AdviceText",
    "BodyEstimate",
    "BodyMeasurer",
    "BodyModel",
    "Fit",
    "MeasurerSettings",
    "Reason",
    "SizeAdvice",
    "advice_text",
    "recommend_size",
]
