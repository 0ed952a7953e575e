from .application import Answer, Application
from .registration import Invitation, Registration, Representative

__all__ = ["Answer", "Application", "Invitation", "Registration", "Representative"]
