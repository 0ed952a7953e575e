from .application import Answer, Application
from .certification import Certification
from .pdf import ApplicationPdf
from .registration import Invitation, Registration, Representative
from .sections import (
    ROW_MODELS,
    SECTION_ROWS,
    CaseStudy,
    Indicator,
    LearningPlace,
    Meeting,
    Partner,
    SectionRow,
    WorkingGroupMember,
)

__all__ = [
    "ROW_MODELS",
    "SECTION_ROWS",
    "Answer",
    "Application",
    "ApplicationPdf",
    "CaseStudy",
    "Certification",
    "Indicator",
    "Invitation",
    "LearningPlace",
    "Meeting",
    "Partner",
    "Registration",
    "Representative",
    "SectionRow",
    "WorkingGroupMember",
]
