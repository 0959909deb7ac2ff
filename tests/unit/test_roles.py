"""File roles: what a file is for decides how much its findings weigh (targets/roles.py,
engine/roles.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.errors import ConfigError
from hms_policy.engine.roles import SKIP, RolePolicy, policy_from_settings
from hms_policy.model import FileRole, Severity, TargetKind
from hms_policy.targets.roles import classify_role

K = TargetKind


@pytest.mark.parametrize(
    ("path", "kind", "role"),
    [
        ("app/settings.py", K.PYTHON, FileRole.PRODUCTION),
        ("src/main/java/org/Patient.java", K.JAVA, FileRole.PRODUCTION),
        ("src/test/java/org/PatientTest.java", K.JAVA, FileRole.TEST),
        ("src/test/resources/apiTestData.xml", K.CONFIG, FileRole.TEST),
        ("spec/models/patient_spec.rb", K.SOURCE, FileRole.TEST),
        ("tests/test_views.py", K.PYTHON, FileRole.TEST),
        ("web/src/app.spec.ts", K.JAVASCRIPT, FileRole.TEST),
        ("pkg/handler_test.go", K.GO, FileRole.TEST),
        ("openIMIS/init_test_db.py", K.PYTHON, FileRole.TEST),  # a script that sets up the test database
        ("scripts/load_test_data.sh", K.SOURCE, FileRole.TEST),
        ("release-test/release-test.sh", K.SOURCE, FileRole.TEST),  # a folder named for a kind of test
        ("load_tests/locustfile.py", K.PYTHON, FileRole.TEST),
        ("test-utils/server.js", K.JAVASCRIPT, FileRole.TEST),
        ("latest/app.py", K.PYTHON, FileRole.PRODUCTION),
        # an application's own modules named for clinical tests and samples stay production
        ("healthcare/doctype/lab_test/lab_test.js", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("src/test-results/results.resource.ts", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("src/main/java/org/lab/sample/SampleDAOImpl.java", K.JAVA, FileRole.PRODUCTION),
        ("ops/post-deploy-smoke-test/check.sh", K.SOURCE, FileRole.TEST),
        ("app-load-testing/jwtTests.js", K.JAVASCRIPT, FileRole.TEST),  # the load-test suite of an app
        ("src/lab-testing/orders.js", K.JAVASCRIPT, FileRole.PRODUCTION),  # a lab's testing module
        ("src/labTests.js", K.JAVASCRIPT, FileRole.PRODUCTION),  # lab tests are health software's own
        ("contest/app.py", K.PYTHON, FileRole.PRODUCTION),
        ("src/main/resources/messages_fr.properties", K.CONFIG, FileRole.I18N),
        ("src/main/resources/messages.properties", K.CONFIG, FileRole.I18N),
        ("config/locales/api/es.yml", K.CONFIG, FileRole.I18N),
        ("public/locales/en-US/translation.json", K.CONFIG, FileRole.I18N),
        ("locale/de/LC_MESSAGES/django.po", K.TEXT, FileRole.I18N),
        ("src/shared/locales/fr/index.ts", K.JAVASCRIPT, FileRole.I18N),
        ("assets/js/datatables.min.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("js/DataTables-1.10.16/datatables.js", K.JAVASCRIPT, FileRole.VENDORED),
        # the project's own image of one version is not a bundled library
        ("docker/openemr/flex-3.21/Dockerfile", K.DOCKERFILE, FileRole.PRODUCTION),
        ("docker/openemr/flex-3.21/openemr.sh", K.SOURCE, FileRole.PRODUCTION),
        ("wiremock/stubs/mappings/api_v1_groups.json", K.CONFIG, FileRole.TEST),  # recorded HTTP stubs
        ("spec/vcr_cassettes/login.yml", K.CONFIG, FileRole.TEST),
        ("cypress/support/commands.js", K.JAVASCRIPT, FileRole.TEST),
        ("src/setupTests.ts", K.JAVASCRIPT, FileRole.TEST),
        ("jest.setup.js", K.JAVASCRIPT, FileRole.TEST),
        ("src/app/__snapshots__/Results.test.tsx.snap", K.TEXT, FileRole.TEST),
        ("src/app/Results.stories.tsx", K.JAVASCRIPT, FileRole.TEST),
        ("docker-compose.tests.yaml", K.COMPOSE, FileRole.TEST),
        ("docker/Dockerfile.tests", K.DOCKERFILE, FileRole.TEST),
        ("docker/Dockerfile.postman_test", K.DOCKERFILE, FileRole.TEST),
        ("e2e.Dockerfile", K.DOCKERFILE, FileRole.TEST),
        ("docker/Dockerfile.prod", K.DOCKERFILE, FileRole.PRODUCTION),
        ("docker/Dockerfile.testimonials-api", K.DOCKERFILE, FileRole.PRODUCTION),
        ("performance/mediator/tls/key.pem", K.TEXT, FileRole.TEST),  # a load test's mock server
        ("src/performance/tracker.js", K.JAVASCRIPT, FileRole.PRODUCTION),
        (".env.test", K.CONFIG, FileRole.TEST),
        ("runtests.py", K.PYTHON, FileRole.TEST),
        ("compose.e2e.yml", K.COMPOSE, FileRole.TEST),
        ("test.docker-compose.yml", K.COMPOSE, FileRole.TEST),
        ("dev.docker-compose.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        ("build.docker-compose.yml", K.COMPOSE, FileRole.DEVELOPMENT),  # builds the images from source
        ("docker-compose.yml", K.COMPOSE, FileRole.PRODUCTION),
        # the words of a compose file's name: a test harness, a developer's stack, or neither
        ("docker-compose-perf-test.yml", K.COMPOSE, FileRole.TEST),
        ("deployment_tests/fabric_tests.py", K.SOURCE, FileRole.TEST),  # tests of the deployment scripts
        ("containers/viewer/seed-scripts/baseECR/CDA_eICR.xml", K.DATA, FileRole.SEED),
        ("db/seeding_tools/patients.json", K.DATA, FileRole.SEED),
        ("lab/sample-collection/specimens.json", K.DATA, FileRole.PRODUCTION),  # a lab system's own module
        ("demo-app/src/index.js", K.SOURCE, FileRole.DEVELOPMENT),  # example code, not seed data
        ("apps/server/dev/ssl-stores/client-key.pem", K.TEXT, FileRole.DEVELOPMENT),
        ("terraform/environments/dev/main.tf", K.TERRAFORM, FileRole.PRODUCTION),  # a deployed environment
        ("ops/docker-compose-codebuild-selenium.yaml", K.COMPOSE, FileRole.TEST),
        ("docker-compose.cypress.yml", K.COMPOSE, FileRole.TEST),
        ("docker-compose.dev-deps.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        ("docker-compose.demo-deps.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        # .NET test projects (a dotted project name with a part naming tests) and their files
        ("src/Microsoft.Health.Fhir.Tests.Common/TestFiles/R4/Patient.json", K.DATA, FileRole.TEST),
        ("src/Clinic.Api.UnitTests/appsettings.json", K.CONFIG, FileRole.TEST),
        ("src/Clinic.Testing/Fakes.cs", K.SOURCE, FileRole.TEST),
        ("src/Microsoft.Health.Fhir.Core/Features/Search/Patient.json", K.DATA, FileRole.PRODUCTION),
        ("src/Clinic.TestResults/Models/Result.cs", K.SOURCE, FileRole.PRODUCTION),  # lab test results: the domain
        # folders of the files a suite reads, under any prefix
        ("src/main/resources/bb-test-data/patient/1.xml", K.DATA, FileRole.TEST),
        ("cli/compare-test-files/covid.csv", K.DATA, FileRole.TEST),
        ("dwh/test_files/patients.parquet", K.DATA, FileRole.TEST),
        ("modules/lab_test_data/panels.json", K.DATA, FileRole.PRODUCTION),  # a lab system's module
        ("doctype/lab_test_sample/__init__.py", K.SOURCE, FileRole.PRODUCTION),  # a specimen, not a test
        # an end-to-end suite named for what it drives; a tutorial's compose file in docs
        ("modules/frontend-e2e/docker-compose.yml", K.COMPOSE, FileRole.TEST),
        ("modules/frontend-e2e/keycloak/realm.json", K.DATA, FileRole.TEST),
        ("docs/deployment/full-standalone/docker-compose.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        ("docs/kubernetes/deployment.yaml", K.KUBERNETES, FileRole.DEVELOPMENT),
        ("deploy/docker-compose.yml", K.COMPOSE, FileRole.PRODUCTION),
        # a bundle named by a locale alone, wherever it sits; not a region's own settings folder
        ("src/resources/old/de.json", K.DATA, FileRole.I18N),
        ("public/pt-BR.json", K.DATA, FileRole.I18N),
        ("settings/STLTs/CA/ca.json", K.DATA, FileRole.PRODUCTION),
        ("config/id.json", K.DATA, FileRole.PRODUCTION),  # `id` is also a word
        ("client/cypress.config.ts", K.SOURCE, FileRole.TEST),
        ("html2pdf/_tcpdf_5.0.002/tcpdf.php", K.SOURCE, FileRole.VENDORED),
        ("packages/lightsail/docker-compose.arm.dev.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        ("docker-compose.prod.yml", K.COMPOSE, FileRole.PRODUCTION),
        ("docker-compose.sso.yml", K.COMPOSE, FileRole.PRODUCTION),
        ("docker-compose.load-balancer.yml", K.COMPOSE, FileRole.PRODUCTION),
        ("hapi-compose.yml", K.COMPOSE, FileRole.PRODUCTION),
        ("backend/src/main/resources/application-e2e.yaml", K.CONFIG, FileRole.TEST),
        ("charts/fhir-server/ci/enabled-ingress-values.yaml", K.HELM_VALUES, FileRole.TEST),  # chart-testing values
        ("charts/fhir-server/values.yaml", K.HELM_VALUES, FileRole.PRODUCTION),
        ("public/bom.json", K.DATA, FileRole.VENDORED),
        ("src/components/Licenses/fe-sbom.json", K.DATA, FileRole.VENDORED),
        ("release/app.cdx.json", K.DATA, FileRole.VENDORED),
        ("sbom/app.spdx.json", K.DATA, FileRole.VENDORED),
        ("config/tombom.json", K.DATA, FileRole.PRODUCTION),
        ("vendor/composer/installed.json", K.CONFIG, FileRole.VENDORED),
        ("web/third_party/lib.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("proto/patient_pb2.py", K.PYTHON, FileRole.VENDORED),
        ("assets/js/pdfmake-0.1.32/vfs_fonts.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("assets/DataTables-1.10.16/datatables.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("public/lib/select2/select2.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("assets/dblayer/drivers/driver-pg.php", K.SOURCE, FileRole.VENDORED),
        # libraries committed whole under their own name, and an admin theme's plugin folder
        ("dompdf/lib/fonts/dompdf_font_family_cache.dist.php", K.SOURCE, FileRole.VENDORED),
        ("includes/tcpdf/examples/data/cert/tcpdf.crt", K.CONFIG, FileRole.VENDORED),
        ("wwwroot/assets/global/plugins/amcharts/xlsx.js", K.JAVASCRIPT, FileRole.VENDORED),
        ("scripts/tools/lib/deploy.js", K.JAVASCRIPT, FileRole.PRODUCTION),  # a build's own helper
        ("webapp/src/js/enketo/lib/window.js", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("docs/setup.md", K.TEXT, FileRole.DOCS),
        ("README.md", K.TEXT, FileRole.DOCS),
        ("db/seeds.rb", K.SOURCE, FileRole.SEED),
        ("sql/load_demo_data.sql", K.DATA, FileRole.SEED),
        ("data/dummy/patients.json", K.CONFIG, FileRole.SEED),
        ("data/reference/wards.csv", K.DATA, FileRole.REFERENCE),
        (".env.example", K.CONFIG, FileRole.DEVELOPMENT),
        (".env.development", K.CONFIG, FileRole.DEVELOPMENT),
        ("docker/.local.env", K.CONFIG, FileRole.DEVELOPMENT),  # the env file a local-dev compose loads
        ("dev.env", K.CONFIG, FileRole.DEVELOPMENT),
        ("example.env", K.CONFIG, FileRole.DEVELOPMENT),
        # example and sample applications: code a reader copies, not code that ships
        ("src/components/SampleApp/Launch.tsx", K.JAVASCRIPT, FileRole.DEVELOPMENT),
        ("examples/complete/main.tf", K.TERRAFORM, FileRole.DEVELOPMENT),
        ("demo-app/server.js", K.JAVASCRIPT, FileRole.DEVELOPMENT),
        ("samples/patients.csv", K.DATA, FileRole.SEED),  # sample data stays seed data
        ("src/sampler/rate.py", K.PYTHON, FileRole.PRODUCTION),  # a word that starts like one is not one
        ("src/examples_index.py", K.PYTHON, FileRole.PRODUCTION),
        ("docker/sample.env", K.CONFIG, FileRole.DEVELOPMENT),
        ("src/main/resources/database.properties.sample", K.CONFIG, FileRole.DEVELOPMENT),
        ("docker-compose.override.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        (".docker/dev.Dockerfile", K.DOCKERFILE, FileRole.DEVELOPMENT),
        ("config/environments/development.rb", K.SOURCE, FileRole.DEVELOPMENT),
        ("app/settings/local.py", K.PYTHON, FileRole.DEVELOPMENT),
        (".devcontainer/docker-compose.yml", K.COMPOSE, FileRole.DEVELOPMENT),
        ("configuration/src/main/resources/application-local.yml", K.CONFIG, FileRole.DEVELOPMENT),
        ("src/main/resources/application-dev.properties", K.CONFIG, FileRole.DEVELOPMENT),
        ("src/main/resources/application-test.yml", K.CONFIG, FileRole.TEST),
        ("postman/FHIR.postman_collection.json", K.DATA, FileRole.TEST),
        (".yarn/releases/yarn-4.10.3.cjs", K.JAVASCRIPT, FileRole.VENDORED),
        (".yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs", K.JAVASCRIPT, FileRole.VENDORED),
        (".pnp.cjs", K.JAVASCRIPT, FileRole.VENDORED),
        # hard negatives: look-alike words that do not make a role
        ("app/testimonials.py", K.PYTHON, FileRole.PRODUCTION),
        ("app/contest_results.py", K.PYTHON, FileRole.PRODUCTION),
        ("docker/.prod.env", K.CONFIG, FileRole.PRODUCTION),
        ("app/language_detect.py", K.PYTHON, FileRole.PRODUCTION),
        ("docs/key.pem", K.CONFIG, FileRole.PRODUCTION),
        ("k8s/messages-deployment.yaml", K.KUBERNETES, FileRole.PRODUCTION),
        ("app/services/sample_rate.py", K.PYTHON, FileRole.PRODUCTION),
        (".env", K.CONFIG, FileRole.PRODUCTION),
        (".env.production", K.CONFIG, FileRole.PRODUCTION),
        ("docker-compose.prod.yml", K.COMPOSE, FileRole.PRODUCTION),
        ("src/main/resources/application.yml", K.CONFIG, FileRole.PRODUCTION),
        ("src/main/resources/application-prod.yml", K.CONFIG, FileRole.PRODUCTION),
        ("src/main/resources/application-cloud.yml", K.CONFIG, FileRole.PRODUCTION),
        ("postman/FHIR.postman_environment.json", K.DATA, FileRole.PRODUCTION),  # may hold real keys
        ("src/yarn/releases.js", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("config/environments/production.rb", K.SOURCE, FileRole.PRODUCTION),
        ("app/settings/production.py", K.PYTHON, FileRole.PRODUCTION),
        ("Dockerfile", K.DOCKERFILE, FileRole.PRODUCTION),
        ("infra/main.tf", K.TERRAFORM, FileRole.PRODUCTION),
        ("public/index.php", K.SOURCE, FileRole.PRODUCTION),  # a PHP front controller
        ("public/api/patients.php", K.SOURCE, FileRole.PRODUCTION),
        ("assets/js/app.js", K.JAVASCRIPT, FileRole.PRODUCTION),  # the project's own front end
        ("resources/assets/js/components/Chart.vue", K.SOURCE, FileRole.PRODUCTION),
        ("lib/billing/claims.rb", K.SOURCE, FileRole.PRODUCTION),  # Ruby's own lib/
        ("src/lib/api.ts", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("db/migrate/20240101_v1.2_add_ward.rb", K.SOURCE, FileRole.PRODUCTION),
        ("api/v1.2/patients.py", K.PYTHON, FileRole.PRODUCTION),
        ("web/src/App.js", K.JAVASCRIPT, FileRole.PRODUCTION),
        # one settings file per environment (node-config, Django): the test and development ones
        ("packages/central-server/config/test.json5", K.CONFIG, FileRole.TEST),
        ("packages/facility-server/config/development.json5", K.CONFIG, FileRole.DEVELOPMENT),
        ("config/default.json5", K.CONFIG, FileRole.PRODUCTION),
        ("config/production.json5", K.CONFIG, FileRole.PRODUCTION),
        ("src/test.json", K.DATA, FileRole.PRODUCTION),  # not a settings folder: data named test
        ("docs/requests/accounts.http", K.TEXT, FileRole.DEVELOPMENT),
        ("docs/provisioning/example.json5", K.CONFIG, FileRole.DOCS),
        ("apps/accounts/tests.py", K.PYTHON, FileRole.TEST),  # Django's test module of an app
        ("apps/test.py", K.PYTHON, FileRole.TEST),
        ("care/facility/utils/summarization/tests_summary.py", K.PYTHON, FileRole.PRODUCTION),  # lab tests
        ("backend/service/idverification/DemoExperianService.java", K.JAVA, FileRole.PRODUCTION),  # a demo mode
        ("static/openapi.yaml", K.CONFIG, FileRole.DOCS),  # an API description and its examples
        (".gitleaks.toml", K.CONFIG, FileRole.DOCS),
        (".vscode/settings.json", K.CONFIG, FileRole.DEVELOPMENT),  # an editor's settings
        (".idea/runConfigurations/App.xml", K.CONFIG, FileRole.DEVELOPMENT),
        (".environment/gitleaks/gitleaks-config.toml", K.CONFIG, FileRole.DOCS),
        ("prime-router/src/testIntegration/resources/datatests/a.hl7", K.DATA, FileRole.TEST),  # Gradle source sets
        ("app/src/intTest/java/ClaimsIT.java", K.JAVA, FileRole.TEST),
        ("app/src/latest/java/Claims.java", K.JAVA, FileRole.PRODUCTION),  # another scanner's allowlist: judged values
        (".secrets.baseline", K.DATA, FileRole.DOCS),
        ("config/gitleaks-rules.toml", K.CONFIG, FileRole.PRODUCTION),
        ("static/connectathon_openapi.yaml", K.CONFIG, FileRole.DOCS),
        ("api/swagger.json", K.DATA, FileRole.DOCS),
        ("swagger/consumer-static/narrative.yaml", K.CONFIG, FileRole.DOCS),  # a folder of API descriptions
        ("swagger/generate.py", K.PYTHON, FileRole.PRODUCTION),
        ("src/openapi_client.py", K.PYTHON, FileRole.PRODUCTION),
        # a solution's test project in PascalCase, at the top or under src/; deeper it is a module
        ("IntegrationAPITest/MockData/BloodBankMockData.cs", K.SOURCE, FileRole.TEST),
        ("src/HospitalLibraryTests/Setup.cs", K.SOURCE, FileRole.TEST),
        ("src/app/LabTests/Results.cs", K.SOURCE, FileRole.PRODUCTION),
        ("LabTests/Results.cs", K.SOURCE, FileRole.TEST),
        ("client/MockData/patients.json", K.DATA, FileRole.SEED),
        ("src/data-seeding/employees/source/default-employees.csv", K.DATA, FileRole.SEED),
        ("src/api/notification/testData.ts", K.JAVASCRIPT, FileRole.TEST),
        ("packages/sdc-populate/src/test-data-shared/Check/bundle.ts", K.JAVASCRIPT, FileRole.TEST),
        ("src/lab/labTestData.ts", K.JAVASCRIPT, FileRole.PRODUCTION),
        ("mock-gateway/src/main/resources/application.properties", K.CONFIG, FileRole.TEST),  # a service's test double
        ("services/payer-mock/Dockerfile", K.DOCKERFILE, FileRole.TEST),
        ("src/mockingbird/app.py", K.PYTHON, FileRole.PRODUCTION),
        ("Apps/Immunization/src/MockImmunizationResponse.json", K.DATA, FileRole.SEED),
        ("lab/SampleCollection.json", K.DATA, FileRole.PRODUCTION),
        ("api/MockingbirdSettings.json", K.DATA, FileRole.PRODUCTION),
        # Java's ResourceBundle naming under any base name; a 2-letter suffix that is no locale is not
        ("src/resources/raw/app-labels--develop_de.properties", K.CONFIG, FileRole.I18N),
        ("src/main/resources/ui.texts_pt_BR.properties", K.CONFIG, FileRole.I18N),
        ("conf/database_qa.properties", K.CONFIG, FileRole.PRODUCTION),
    ],
)
def test_classify_role(path: str, kind: TargetKind, role: FileRole) -> None:
    assert classify_role(path, kind) is role


def test_policy_precedence_rule_then_category_then_star() -> None:
    policy = policy_from_settings({"roles": {"policy": {"docs": {"SEC100": "keep", "secret": "low"}, "vendored": {"secret": "medium"}}}})
    from hms_policy._resources import builtin_rules_dir
    from hms_policy.catalog.rules import load_rules

    rules = {r.id: r for r in load_rules([(builtin_rules_dir(), True)])}
    assert policy.decide(rules["SEC100"], FileRole.DOCS) is None  # keep: the rule's own severity
    assert policy.decide(rules["SEC001"], FileRole.DOCS) == Severity.LOW
    assert policy.decide(rules["SEC011"], FileRole.DOCS) == SKIP  # default kept beside the override
    assert policy.decide(rules["SEC001"], FileRole.VENDORED) == Severity.MEDIUM  # category beats "*"
    assert policy.decide(rules["TF101"], FileRole.VENDORED) == SKIP
    assert policy.decide(rules["TF101"], FileRole.PRODUCTION) is None
    # a test's logs carry its fixture people: low, not silenced; data rules keep their weight
    assert policy.decide(rules["JAVA002"], FileRole.TEST) == Severity.LOW
    assert policy.decide(rules["PHI008"], FileRole.TEST) is None
    assert policy.decide(rules["SEC010"], FileRole.TEST) == SKIP  # a test's own JWTs
    assert policy.decide(rules["SEC010"], FileRole.PRODUCTION) is None


def test_user_paths_decide_the_role_first() -> None:
    policy = policy_from_settings({"roles": {"paths": {"reference": ["data/places/**"]}}})
    assert policy.role_of("data/places/towns.json", K.CONFIG) is FileRole.REFERENCE
    assert policy.role_of("data/other/towns.json", K.CONFIG) is FileRole.PRODUCTION
    assert RolePolicy().role_of("data/places/towns.json", K.CONFIG) is FileRole.PRODUCTION


_KEY = "AKIA" + "Z7QXBPLM4RTW2NVY"
_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8vH3kLmP"


def _tree(root: Path) -> None:
    (root / "src/main/resources").mkdir(parents=True)
    (root / "src/main/resources/messages_fr.properties").write_text("login.secret.question=Votre question secrete\npassword.label=Mot de passe oublie\n")
    (root / "app").mkdir()
    (root / "app/settings.py").write_text(f'AWS_ACCESS_KEY_ID = "{_KEY}"\nAWS_SECRET_ACCESS_KEY = "{_SECRET}"\n')
    (root / "tests").mkdir()
    (root / "tests/settings.py").write_text(f'AWS_ACCESS_KEY_ID = "{_KEY}"\n')
    (root / "assets").mkdir()
    (root / "assets/lib.min.js").write_text(f'var k="{_KEY}";\n')


def test_findings_carry_their_role_and_the_report_counts_roles(tmp_path: Path) -> None:
    _tree(tmp_path)
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    by_path = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    assert not [p for p in by_path if p.startswith("src/main/resources")]  # i18n labels: not judged
    assert "assets/lib.min.js" not in by_path  # vendored: not judged
    prod = {f.rule_id: f for f in by_path["app/settings.py"]}
    assert prod["SEC001"].role is FileRole.PRODUCTION and prod["SEC001"].severity >= Severity.HIGH
    test = [f for f in by_path["tests/settings.py"] if f.rule_id == "SEC001"]
    assert test and all(f.role is FileRole.TEST and f.severity <= Severity.LOW for f in test)
    roles = report.target.roles or {}
    assert roles["files"] == {"i18n": 1, "production": 1, "test": 1, "vendored": 1}
    assert "*" in roles["not_judged"]["vendored"] and "*" in roles["not_judged"]["i18n"]
    assert report.to_dict()["findings"][0]["role"] in {r.value for r in FileRole}


def test_settings_can_judge_a_role_again(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".hms-policy.yaml").write_text("roles:\n  policy:\n    vendored: {secret: keep}\n")
    report = hms_policy.scan([tmp_path], jobs=1, cache=False)
    assert any(f.path == "assets/lib.min.js" and f.rule_id == "SEC001" for f in report.findings)


def test_an_unknown_role_in_settings_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".hms-policy.yaml").write_text("roles:\n  policy:\n    fixtures: {secret: low}\n")
    with pytest.raises(ConfigError, match="roles"):
        hms_policy.scan([tmp_path], jobs=1, cache=False)


def test_sql_built_in_test_helpers_is_not_judged_unless_settings_say_so(tmp_path: Path) -> None:
    """A test utility builds SQL from its own arguments: no attacker reaches it. The same code
    in production is reported, and settings can judge tests again."""
    helper = 'class Db {\n  java.sql.ResultSet select(java.sql.Connection c, String table) throws Exception {\n    return c.createStatement().executeQuery("select * from " + table + " where voided = 0");\n  }\n}\n'
    for place in ("src/test/java/DbUtil.java", "src/main/java/DbUtil.java"):
        (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / place).write_text(helper)
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False, preview=True)  # the SQL rules are preview rules
    assert {f.path for f in report.findings if f.rule_id == "JAVA020"} == {"src/main/java/DbUtil.java"}
    assert "JAVA020" in (report.target.roles or {})["not_judged"]["test"]
    (tmp_path / ".hms-policy.yaml").write_text("roles:\n  policy:\n    test: {JAVA020: keep}\n")
    again = hms_policy.scan([tmp_path], jobs=1, cache=False, preview=True)
    assert {f.path for f in again.findings if f.rule_id == "JAVA020"} == {"src/main/java/DbUtil.java", "src/test/java/DbUtil.java"}


def test_eval_in_a_test_is_not_judged_but_in_the_app_it_is(tmp_path: Path) -> None:
    code = "def round_trip(query):\n    return eval(repr(query))\n"
    for place in ("tests/unit/test_nodes.py", "app/nodes.py"):
        (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / place).write_text(code)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    assert {f.path for f in report.findings if f.rule_id == "PY017"} == {"app/nodes.py"}
    assert "PY017" in (report.target.roles or {})["not_judged"]["test"]


@pytest.mark.parametrize(
    ("folder", "role", "cap", "allowed"),
    [
        # seed data is people made up to fill a demo: identifiers stay, below the gate
        ("seeds", "seed", "medium", ("medium", "low", "info")),
        # documentation's example people: identifiers stay, at low
        ("docs/rest", "docs", "low", ("low", "info")),
    ],
)
def test_seed_data_and_docs_report_identifiers_capped_and_not_names_or_birth_dates(
    tmp_path: Path, folder: str, role: str, cap: str, allowed: tuple[str, ...]
) -> None:
    where = tmp_path / folder
    where.mkdir(parents=True)
    (where / "patients.csv").write_text(
        "patient_name,date_of_birth,ssn,phone\n"
        "Maria Okafor,1984-03-12,219-09-9999,(617) 253-1000\n"
        "Tomas Lindqvist,1979-11-02,078-05-1121,(212) 736-5000\n"
        "Akosua Mensah,1991-06-30,536-22-8817,(415) 555-0132\n"
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    found = {(f.rule_id, str(f.severity)) for f in report.findings}
    assert {rule for rule, _ in found} & {"PHI007", "PHI008", "PHI010"} == set()
    assert ("LOG001", cap) in found and all(severity in allowed for _, severity in found)
    assert {"PHI007", "PHI008", "PHI010"} <= set((report.target.roles or {})["not_judged"][role])


def test_a_test_seeding_its_browsers_storage_is_not_judged_but_the_app_is(tmp_path: Path) -> None:
    code = "export function signIn(token) {\n  localStorage.setItem('access_token', token)\n}\n"
    (tmp_path / "src").mkdir()
    (tmp_path / "e2e").mkdir()
    (tmp_path / "src" / "auth.ts").write_text(code)
    (tmp_path / "e2e" / "login.spec.ts").write_text(code)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    assert {f.path for f in report.findings if f.rule_id == "JS030"} == {"src/auth.ts"}
    assert "JS030" in (report.target.roles or {})["not_judged"]["test"]
