"""Signal and audit receivers of patient-bearing models log the instance or its diff."""
import logging

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.forms.models import model_to_dict
from simple_history.signals import post_create_historical_record

from .models import Encounter, Patient

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Patient)
def patient_saved(sender, instance, created, **kwargs):
    # expect: PY001
    logger.info("patient saved: %s", instance)
    # expect: PY001
    logger.debug("changes %s", instance.get_dirty_fields())
    # expect: PY001
    logger.debug("data %s", model_to_dict(instance))


@receiver([pre_save, post_delete], sender="clinic.Encounter")
def encounter_changed(sender, instance, **kwargs):
    # expect: PY001
    logger.warning(f"encounter {instance!r} changed")


def visit_saved(sender, instance, **kwargs):
    # expect: PY001
    logger.info("visit %s", instance)


post_save.connect(visit_saved, sender=Encounter)


@receiver(post_create_historical_record, sender=Patient)
def history(sender, instance, history_instance, **kwargs):
    # expect: PY001
    logger.info("history %s", history_instance.diff_against(history_instance.prev_record).changes)
