import logging

logger = logging.getLogger(__name__)


def save_pointer(nhs_number, document_id, producer_id):
    # the pointer carries the NHS number; its keys and counts do not
    pointer = DocumentPointer(nhs_number=nhs_number, document_id=document_id, producer_id=producer_id)
    logger.info("saved pointer producer=%s document=%s", pointer.producer_id, pointer.document_id)
    bundle = {"total": 0, "entry": []}
    bundle["entry"].append(pointer)
    bundle["total"] += 1
    logger.info("search returned %s pointers", bundle["total"])
    return pointer
