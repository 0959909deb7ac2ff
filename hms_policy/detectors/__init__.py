"""Built-in detectors: rule YAML names them by id; each is "module:function", imported only
when a rule that uses it runs.

A detector is `def detector(doc: Document, params: Mapping[str, Any]) -> Iterable[Match]`.
It never builds a Finding, never knows severity or controls, never reads other files and
keeps no state; raw secret or PHI values stay inside its frame and leave only as spans.
Third-party packages add detectors through the `hms_policy.detectors` entry-point group
(a callable returning a dict like the one below; ids carry the package's own prefix).
"""

from __future__ import annotations

BUILTIN_DETECTORS: dict[str, str] = {
    "hms.dockerfile.runs_as_root": "hms_policy.detectors.dockerfile:runs_as_root",
    "hms.k8s.privileged_container": "hms_policy.detectors.k8s:privileged_container",
    "hms.k8s.privilege_escalation_not_disabled": "hms_policy.detectors.k8s:privilege_escalation_not_disabled",
    "hms.k8s.runs_as_root": "hms_policy.detectors.k8s:runs_as_root",
    "hms.k8s.host_path_volume": "hms_policy.detectors.k8s:host_path_volume",
    "hms.k8s.missing_resource_limits": "hms_policy.detectors.k8s:missing_resource_limits",
    "hms.k8s.writable_root_filesystem": "hms_policy.detectors.k8s:writable_root_filesystem",
    "hms.k8s.mutable_image": "hms_policy.detectors.k8s:mutable_image",
    "hms.k8s.secret_with_data": "hms_policy.detectors.k8s:secret_with_data",
    "hms.k8s.credential_in_manifest": "hms_policy.detectors.k8s:credential_in_manifest",
    "hms.k8s.service_exposes_database": "hms_policy.detectors.k8s:service_exposes_database",
    "hms.k8s.host_port_database": "hms_policy.detectors.k8s:host_port_database",
    "hms.k8s.automount_service_account_token": "hms_policy.detectors.k8s:automount_service_account_token",
    "hms.k8s.audit_policy_logs_nothing": "hms_policy.detectors.k8s:audit_policy_logs_nothing",
    "hms.k8s.namespace_without_network_policy": "hms_policy.detectors.k8s:namespace_without_network_policy",
    "hms.k8s.ingress_without_tls": "hms_policy.detectors.k8s:ingress_without_tls",
    "hms.manifest.http_health_endpoint": "hms_policy.detectors.k8s:http_health_endpoint",
    "hms.dockerfile.mutable_base_image": "hms_policy.detectors.dockerfile:mutable_base_image",
    "hms.dockerfile.secret_in_env_or_arg": "hms_policy.detectors.dockerfile:secret_in_env_or_arg",
    "hms.compose.database_port_published": "hms_policy.detectors.compose:database_port_published",
    "hms.compose.mutable_image_tag": "hms_policy.detectors.compose:mutable_image_tag",
    "hms.helm.image_tag_latest": "hms_policy.detectors.helm:image_tag_latest",
    "hms.helm.privileged_security_context": "hms_policy.detectors.helm:privileged_security_context",
    "hms.helm.root_security_context": "hms_policy.detectors.helm:root_security_context",
    "hms.helm.host_namespaces": "hms_policy.detectors.helm:host_namespaces",
    "hms.helm.database_service_exposed": "hms_policy.detectors.helm:database_service_exposed",
    "hms.helm.ingress_without_tls": "hms_policy.detectors.helm:ingress_without_tls",
    "hms.secrets.detect_secrets": "hms_policy.adapters.detect_secrets:detect",
    "hms.logs.ssn_in_log": "hms_policy.detectors.logs_basic:ssn_in_log",
    "hms.phi.identifiers": "hms_policy.detectors.phi:identifiers",
    "hms.python.phi_in_log_call": "hms_policy.detectors.python_phi:phi_in_log_call",
    "hms.deps.vulnerable_dependency": "hms_policy.detectors.dependencies:vulnerable_dependency",
    "hms.python.bandit": "hms_policy.adapters.bandit:bandit_checks",
    "hms.python.phi_flow": "hms_policy.detectors.python_phi:phi_flow",
    "hms.javascript.phi_in_log": "hms_policy.detectors.clike_phi:phi_in_javascript_log",
    "hms.java.phi_in_log": "hms_policy.detectors.clike_phi:phi_in_java_log",
    "hms.javascript.tls_verification_disabled": "hms_policy.detectors.transport:js_tls_verification_disabled",
    "hms.java.trust_all": "hms_policy.detectors.transport:java_trust_all",
    "hms.code.plain_http_health_api": "hms_policy.detectors.transport:plain_http_health_api",
    "hms.meta.invalid_suppression": "hms_policy.detectors.meta:invalid_suppression",
    "hms.meta.unused_suppression": "hms_policy.detectors.meta:unused_suppression",
    "hms.terraform.companion": "hms_policy.detectors.terraform:companion",
    "hms.terraform.parameter_setting": "hms_policy.detectors.terraform:parameter_setting",
    "hms.terraform.retention_at_least": "hms_policy.detectors.terraform:retention_at_least",
    "hms.terraform.unit_requires": "hms_policy.detectors.terraform:unit_requires",
    "hms.terraform.instance_volumes": "hms_policy.detectors.terraform:instance_volumes",
    "hms.terraform.open_to_internet": "hms_policy.detectors.terraform_network:open_to_internet",
    "hms.terraform.policy_document": "hms_policy.detectors.terraform_iam:policy_document",
    "hms.terraform.region_outside_allowed": "hms_policy.detectors.terraform_residency:region_outside_allowed",
    "hms.terraform.cross_border_replication": "hms_policy.detectors.terraform_residency:cross_border_replication",
    "hms.cloudformation.open_to_internet": "hms_policy.detectors.cloudformation:open_to_internet",
    "hms.cloudformation.policy_document": "hms_policy.detectors.cloudformation:policy_document",
    "hms.cloudformation.replica_region_outside_allowed": "hms_policy.detectors.cloudformation:replica_region_outside_allowed",
    "hms.django.debug_enabled": "hms_policy.detectors.code.frameworks.django:debug_enabled",
    "hms.django.allowed_hosts_wildcard": "hms_policy.detectors.code.frameworks.django:allowed_hosts_wildcard",
    "hms.django.https_settings_off": "hms_policy.detectors.code.frameworks.django:https_settings_off",
    "hms.django.cors_allow_all": "hms_policy.detectors.code.frameworks.django:cors_allow_all",
    "hms.django.email_without_tls": "hms_policy.detectors.code.frameworks.django:email_without_tls",
    "hms.django.weak_password_hasher": "hms_policy.detectors.code.frameworks.django:weak_password_hasher",
    "hms.python.cors_any_origin_with_credentials": "hms_policy.detectors.code.frameworks.fastapi:cors_any_origin_with_credentials",
    "hms.flask.session_cookie_insecure": "hms_policy.detectors.code.frameworks.flask:session_cookie_insecure",
    "hms.spring.server_ssl_disabled": "hms_policy.detectors.code.frameworks.spring:server_ssl_disabled",
    "hms.spring.actuator_exposes_all": "hms_policy.detectors.code.frameworks.spring:actuator_exposes_all",
    "hms.spring.csrf_disabled_with_sessions": "hms_policy.detectors.code.frameworks.spring:csrf_disabled_with_sessions",
    "hms.spring.permit_all_health_routes": "hms_policy.detectors.code.frameworks.spring:permit_all_health_routes",
    "hms.express.cors_any_origin_with_credentials": "hms_policy.detectors.code.frameworks.express:cors_any_origin_with_credentials",
    "hms.express.session_cookie_not_secure": "hms_policy.detectors.code.frameworks.express:session_cookie_not_secure",
    "hms.rails.force_ssl_off": "hms_policy.detectors.code.frameworks.rails:force_ssl_off",
    "hms.ecs.container": "hms_policy.detectors.iac.ecs:ecs_container",
    "hms.compose.credential_default": "hms_policy.detectors.iac.compose_settings:credential_default",
    "hms.compose.postgres_trust_auth": "hms_policy.detectors.iac.compose_settings:postgres_trust_auth",
    "hms.compose.logging_disabled": "hms_policy.detectors.iac.compose_settings:logging_disabled",
    "hms.terraform.output_exposes_secret": "hms_policy.detectors.iac.terraform_outputs:output_exposes_secret",
    "hms.terraform.variable_credential_default": "hms_policy.detectors.iac.terraform_outputs:variable_credential_default",
    "hms.terraform.db_logging_switched_off": "hms_policy.detectors.iac.terraform_db_logging:logging_switched_off",
}


def builtin_detectors() -> dict[str, str]:
    return dict(BUILTIN_DETECTORS)
