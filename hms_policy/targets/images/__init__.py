"""Container images as scan targets: `docker save` / `podman save` tars, OCI image layouts
(directories) and OCI archives.

`layout` finds the image (a platform of a multi-architecture index, its config and its
layers); `layers` streams each layer's tar entries without unpacking anything to disk, with
every bound and refusal that untrusted archives need. Nothing here judges anything: the
driver (`hms_policy.image_scan`) turns the files into Documents for the rule engine.
"""
