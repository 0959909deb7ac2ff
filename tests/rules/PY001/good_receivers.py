"""Receivers that log keys, other models' instances, or write to the audit trail."""
import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Invoice, Patient

logger = logging.getLogger(__name__)
audit_logger = logging.getLogger("audit")


@receiver(post_save, sender=Patient)
def patient_saved(sender, instance, created, **kwargs):
    # the hardened twin: an opaque key and the event, not the record
    logger.info("patient %s saved (created=%s)", instance.pk, created)
    logger.info("changed fields: %s", sorted(instance.get_dirty_fields().keys()).__len__())
    # the audit trail is where the record belongs
    audit_logger.info("patient saved %s", instance)


@receiver(post_save, sender=Invoice)
def invoice_saved(sender, instance, created, **kwargs):
    logger.info("invoice saved: %s", instance)


@receiver(post_save)
def any_saved(sender, instance, **kwargs):
    logger.debug("saved %s", instance)
