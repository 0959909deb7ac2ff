"""What a file is for: production code, tests, seed data, reference data, i18n, docs, vendored.

Decided once per file from its path (and kind), next to the kind. Findings carry the role, and
the role policy (engine/roles.py) maps each (role, category or rule) to a severity cap or to
"not judged". Path conventions only: a file's role must not depend on what it contains, so the
same file always gets the same role, in a tree, a diff or a hook run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hms_policy.model import FileRole, TargetKind

_VENDORED_DIRS = frozenset(
    "vendor vendors third_party thirdparty third-party 3rdparty external externals bower_components "
    "node_modules jspm_packages site-packages dist-packages __generated__ generated gen "
    # a package manager's own committed files: Yarn Berry's release, plugins and SDKs
    ".yarn .pnpm-store".split()
)
_VENDORED_NAME = re.compile(
    r"(?:[.\-]min\.(?:js|css|mjs)|\.bundle\.js|\.chunk\.js|\.js\.map|\.css\.map|_pb2(?:_grpc)?\.pyi?|\.pb\.go"
    r"|\.generated\.\w+|\.g\.dart|\.designer\.cs|^\.pnp\.c?js|^\.pnp\.loader\.mjs"
    # software bills of materials (CycloneDX, SPDX): generated inventories of other people's
    # packages, whose hashes and licence texts are no secrets or PHI
    r"|(?:^|[-_.])s?bom\.(?:json|xml)|\.cdx\.(?:json|xml)|\.spdx(?:\.json|\.ya?ml|\.xml)?)$",
    re.I,
)
# A bundled copy of a library carries its version in its folder name (DataTables-1.10.16,
# pdfmake-0.1.32, jquery-ui-1.12.1); the project's own folders do not.
_VERSIONED_DIR = re.compile(r"^_?[a-z][a-z0-9_.\-]*?[-_]v?\d+\.\d+(?:\.\d+)*(?:[-.](?:min|dist|rc\d*|beta\d*|alpha\d*))?$")
# Libraries that web applications (PHP above all) commit whole, under their own name, beside
# the project's code: PDF and spreadsheet writers, mailers, rich-text editors, widget kits. Their
# demo keys, sample certificates and font caches are the library's, not the project's.
_BUNDLED_LIBRARY_DIRS = frozenset(
    "dompdf tcpdf fpdf fpdi mpdf html2pdf phpmailer phpexcel phpspreadsheet phpqrcode ckeditor tinymce tiny_mce "
    "kcfinder elfinder select2 codemirror amcharts highcharts fullcalendar datatables mathjax ace-builds".split()
)
# Static-asset folders whose `lib`/`libs`/`plugins` subfolder holds third-party scripts.
_ASSET_DIRS = frozenset("assets static public web www webroot js javascript scripts wwwroot".split())
_STATIC_ROOTS = frozenset("assets static public webroot wwwroot".split())
_ASSET_LIB_DIRS = frozenset("lib libs plugins bower_components".split())
# A project's own build of one version (docker/openemr/flex-3.21/Dockerfile, charts/app-1.2/):
# infrastructure in a versioned folder is not a bundled library.
_INFRA_KINDS = frozenset({
    TargetKind.DOCKERFILE, TargetKind.COMPOSE, TargetKind.KUBERNETES, TargetKind.HELM_VALUES, TargetKind.TERRAFORM,
    TargetKind.CLOUDFORMATION, TargetKind.GITHUB_ACTIONS, TargetKind.GITLAB_CI, TargetKind.JENKINS,
    TargetKind.AZURE_PIPELINES, TargetKind.BITBUCKET_PIPELINES, TargetKind.MANIFEST,
})
_SERVER_CODE = re.compile(r"\.(?:php|py|rb|java|go|pl|cs)$")
_I18N_DIRS = frozenset("i18n l10n locale locales lang langs language languages translations translation messages".split())
_I18N_NAME = re.compile(
    r"^(?:messages|strings|labels|resources|translations?|lang|locale|i18n|bundle|text)"
    r"(?:[_\-.][A-Za-z]{2,3}(?:[_\-][A-Za-z]{2,4})?)?\.(?:properties|json|ya?ml|xml|po|pot|xlf|xliff|resx|strings|ts)$"
    r"|\.(?:po|pot|xlf|xliff|resx|strings|arb)$",
    re.I,
)
_I18N_JSON = re.compile(r"^[a-z]{2,3}(?:[_\-][A-Za-z]{2,4})?\.(?:json|ya?ml|js|ts|php)$")
# A JSON or properties file named by a common locale alone (de.json, sw.json, pt-BR.json, zh_CN.properties):
# a translation bundle wherever it sits. Not the codes that are also English words (`id`, `it`,
# `no`, `is`, `to`, `as`, `be`, `do`, `me`, `my`, `or`, `so`, `in`, `am`, `an`, `us`).
_LOCALE_CODES = (
    "ar bg bn ca cs da de el en es et eu fa fi fr gl gu he hi hr hu hy ja ka kk km kn ko lo lt lv mk ml mn mr ms "
    "nb ne nl pa pl ps pt ro ru rw si sk sl sq sr sv sw ta te th tl tr uk ur uz vi zh zu"
)
_LOCALE_FILE = re.compile(rf"^(?:{'|'.join(_LOCALE_CODES.split())})(?:[_-][A-Za-z]{{2,4}})?\.(?:json|properties)$")
# Java's ResourceBundle naming under any base name (`app-labels--develop_de.properties`, `ui.texts_pt_BR.properties`).
_BUNDLE_LOCALE_SUFFIX = re.compile(rf"^[\w.-]+_(?:{'|'.join(_LOCALE_CODES.split())})(?:_[A-Z]{{2}})?\.properties$")
_DOC_DIRS = frozenset("doc docs documentation man manual manuals site-docs wiki".split())
_DOC_NAME = re.compile(r"\.(?:md|markdown|rst|adoc|asciidoc|txt|rtf|tex|org)$|^(?:readme|changelog|changes|history|contributing|license|licence|notice|authors)(?:\.\w+)?$", re.I)
_DOC_KINDS = frozenset({TargetKind.TEXT, TargetKind.CONFIG, TargetKind.DATA})
# Another secret scanner's allowlist or baseline: commit hashes, regexes and example values a
# team has already judged (documentation of decisions, not configuration that runs).
_SCANNER_ALLOWLIST = re.compile(r"^(?:\.?gitleaks(?:[-_.]?config)?\.toml|\.gitleaksignore|\.secrets\.baseline|\.talismanrc|\.trufflehogignore|\.gitguardian\.ya?ml)$", re.I)
# An OpenAPI / Swagger description (openapi.yaml, connectathon_openapi.yaml, swagger.json): API
# documentation, whose example payloads describe invented people.
_API_DESCRIPTION = re.compile(r"(?:^|[-_.])(?:openapi|swagger)(?:[-_.][\w.-]*)?\.(?:ya?ml|json)$", re.I)
_API_DIRS = frozenset(("swagger", "openapi", "api-docs", "api-spec", "api-specs"))


def _api_description_dir(dirs: list[str], name: str) -> bool:
    """A YAML or JSON description in a folder of API descriptions (`swagger/consumer/narrative.yaml`)."""
    return bool(_API_DIRS.intersection(dirs)) and name.lower().endswith((".yaml", ".yml", ".json"))


# pages and examples inside a docs folder (sample settings, REST-client request files)
_DOC_FORMAT = re.compile(r"\.(?:html?|xml|csv|json5?|ya?ml|toml|ini|conf|properties|http|rest)$", re.I)
_TEST_DIRS = frozenset(
    "test tests testing __tests__ spec specs e2e integration-tests it fixtures fixture testdata test-data test_data __fixtures__ __mocks__ mocks mock "
    # recorded HTTP stubs and cassettes (WireMock, VCR, Pact): captured responses that tests replay
    "wiremock __files cassettes vcr_cassettes pacts "
    # browser end-to-end suites; Jest snapshots
    "cypress playwright __snapshots__".split()
)
# A folder named for a kind of software test (release-test/, load_tests/, post-deploy-smoke-test/,
# app-load-testing/, deployment_tests/)
# or for a test suite's support (test-utils/, test_helpers/). Only those words: in health
# software `lab_test/`, `test-results/` and `test-orders/` are the application's own modules.
_TEST_KINDS = (
    "unit|integration|functional|acceptance|load|perf|performance|stress|smoke|regression|release|api|system|ui|"
    "component|contract|e2e|end-to-end|fuzz|mutation|browser|sanity|canary|benchmark|deploy|deployment"
)
_TEST_DIR = re.compile(
    rf"^(?:[a-z0-9]+[-_])*(?:{_TEST_KINDS})[-_](?:tests?|testing|specs?)$"
    r"|^(?:tests?|e2e)[-_](?:utils?|helpers?|support|harness|fixtures|resources|common|setup|suites?|lib|tools|env|config|e2e|integration|unit)$"
    # an end-to-end suite named for what it drives (frontend-e2e/, app_e2e/)
    r"|^(?:[a-z0-9]+[-_])+e2e$"
    # a test double of a service (mock-gateway/, mock_server/, payer-mock/)
    r"|^mocks?[-_][a-z0-9]+(?:[-_][a-z0-9]+)*$|^(?:[a-z0-9]+[-_])+mocks?$"
    # the files a suite reads, under any prefix: TestFiles/, test_files/, bb-test-data/,
    # compare-test-files/, unit_test_files/, synthetic_test_data/ (not a lab's `lab_test_data/`,
    # and not `..._test_sample/`: a sample is a specimen in a lab system)
    r"|^(?:(?!labs?[-_])[a-z0-9]+[-_])*tests?[-_]?(?:files|data|resources|cases|inputs|vectors)(?:[-_](?:shared|common|sets?))?$"
)
# A .NET test project (Microsoft.Health.Fhir.Tests.Common/, Foo.UnitTests/, Bar.Tests.E2E/): the
# dotted project name has a part naming tests. The whole convention of a language, like src/test.
_DOTNET_TEST_PART = re.compile(
    r"^(?:unit|integration|functional|acceptance|e2e|component|smoke|performance|perf|api|ui|web|system)?tests?$|^testing$"
)

# At the top of a repository these hold load tests and benchmarks (their mock servers, seed
# data and keys); deeper down the words can name an application's own module.
_TOP_TEST_DIRS = frozenset("performance perf loadtest loadtests load-testing stress benchmark benchmarks".split())
_TEST_NAME = re.compile(
    r"^(?:test_.*|tests?\.py|[a-z0-9]+(?:_[a-z0-9]+)*_tests?_[a-z0-9_]*\.(?:py|sh|rb)|.*_test\.(?:py|go|rb|exs?)|.*_spec\.rb|.*\.(?:test|spec)\.[cm]?[jt]sx?|.*Tests?\.(?:java|kt|scala|cs|groovy|php)|.*Spec\.(?:groovy|scala|kt)|conftest\.py"
    # a framework's test profile; an API client's request collection (Postman)
    r"|(?:application|bootstrap)[-_](?:test|it|e2e|ci)\.(?:ya?ml|properties)|.*\.postman_collection\.json"
    # a test runner's setup file (Create React App, Jest, Vitest)
    r"|setupTests\.[cm]?[jt]sx?|(?:jest|vitest|test)[._-]setup\.[cm]?[jt]sx?"
    # a suite's shared inputs beside the tests that import them (testData.ts, test_data.py)
    r"|[Tt]est[-_]?[Dd]ata\.(?:[cm]?[jt]sx?|py|rb)"
    # an end-to-end runner's configuration (its test users and base URLs)
    r"|(?:cypress|playwright|wdio|nightwatch)\.conf(?:ig)?\.[cm]?[jt]s"
    # Storybook stories render components with invented props; Jest snapshot files
    r"|.*\.stories\.[cm]?[jt]sx?|.*\.snap"
    # ... and the image a test suite runs in (Dockerfile.test, Dockerfile.postman_test, e2e.Dockerfile)
    r"|(?i:dockerfile[._-](?:[a-z0-9]+[._-])*(?:tests?|e2e|integration|smoke)|(?:[a-z0-9]+[._-])*(?:tests?|e2e|integration|smoke)[._-]dockerfile)"
    # the environment a test runner loads
    r"|\.env\.(?:test|testing|e2e|ci)|run_?tests\.py)$"
)
_SEED_DIRS = frozenset(
    "seed seeds seeders seed-data seed_data dummy dummy-data dummy_data demo demo-data demo_data sample-data sample_data samples sampledata "
    "mockdata mock-data mock_data".split()
)
_SEED_NAME = re.compile(r"(?:^|[_\-.])(?:seeds?|dummy|demo|sample|fake|faker|mock)(?:[_\-.]|data|$)", re.I)
# A data file named in PascalCase for a stand-in (`MockImmunizationResponse.json`); not `Sample...`,
# a specimen in a lab system, and not code (`DemoExperianService.java` runs in a demo mode of the app).
_SEED_DATA_NAME = re.compile(r"^(?:Mock|Fake|Dummy|Stub|Demo)[A-Z]")
# A folder named for seeding with other words (seed-scripts/, seeding_tools/, dummy-records/),
# not `demo-app/` (example code). Not `sample...`: a lab system's specimen modules are `sample-collection/`.
_SEED_DIR = re.compile(
    r"^(?:[a-z0-9]+[-_])*(?:seeds?|seeding|seeders?|dummy)(?:[-_][a-z0-9]+)+$"
    r"|^(?:[a-z0-9]+[-_])+(?:seeds?|seeding|seeders?)$"  # data-seeding/, db_seeds/
)
_REFERENCE_DIRS = frozenset(
    "reference reference-data reference_data referencedata refdata ref-data lookup lookups codes codesystems "
    "code-systems valuesets value-sets terminology terminologies masterdata master-data master_data catalog catalogue".split()
)
# Local-development and example configuration: what a developer copies or runs on a laptop,
# not what ships. Judged, but not at gate-failing weight (engine/roles.py).
_DEV_NAME = re.compile(
    r"^\.env\.(?:development|dev|local|example|sample|template|dist)$|^\.?(?:dev|development|local|example|sample|template)\.env$"
    r"|\.(?:example|sample|dist|template)$"
    r"|[._-](?:example|sample)\.[a-z0-9]+$"
    # compose files named for a developer's stack are judged by their name's words (_COMPOSE_DEV_WORDS);
    # one that builds the images from source is named so before the word compose
    r"|^build[._-](?:docker-)?compose\.ya?ml$"
    r"|^(?:dev|development|local)\.dockerfile$|^dockerfile[._-](?:dev|development|local)$"
    r"|^local_settings\.py$|^settings[._-](?:dev|development|local)\.py$"
    # Spring Boot and Micronaut profiles for a developer's machine
    r"|^(?:application|bootstrap)[-_](?:dev|development|local)\.(?:ya?ml|properties)$"
    # a REST client's request file (VS Code REST Client, JetBrains HTTP Client): a developer's calls
    r"|\.(?:http|rest)$",
    re.I,
)
# A folder of example or sample code (examples/, SampleApp/, demo-app/): what a reader copies to
# learn the API, not what ships. Its keys and defaults are the documentation's.
# Not a bare `sample/` or `demo/`: a lab system's specimen module is `sample/`, and seed data in
# `samples/` is judged as seed data.
_EXAMPLE_DIR = re.compile(r"^(?:examples?|demos|(?:example|sample|demo)s?[-_]?(?:apps?|applications?|code|projects?|clients?|servers?))$")
# A developer's editor and dev-container settings (launch and debug configurations, local
# database URLs): the developer's machine, never deployed.
_EDITOR_DIRS = frozenset((".devcontainer", ".vscode", ".idea", ".fleet", ".zed"))
# A folder of a developer's own material (`apps/server/dev/ssl-stores/`, `local/`): self-signed
# keys, scripts and settings for running the code on a laptop. Infrastructure in such a folder
# (`environments/dev/main.tf`) is a deployed environment and keeps its role.
_DEV_DIRS = frozenset(("dev", "development", "local"))
_DEV_SETTINGS_DIRS = frozenset("settings environments config".split())
# One file per environment in a settings folder (node-config's config/development.json5,
# Django's settings/local.py); the test environment's file is the test suite's.
_SETTINGS_FORMAT = r"\.(?:py|rb|ya?ml|json5?|[cm]?js|ts|properties|toml)$"
_DEV_SETTINGS_NAME = re.compile(rf"^(?:dev|development|local){_SETTINGS_FORMAT}", re.I)
_TEST_SETTINGS_NAME = re.compile(rf"^(?:test|tests|testing|e2e|ci){_SETTINGS_FORMAT}", re.I)
_DATA_KINDS = frozenset({TargetKind.DATA, TargetKind.CONFIG, TargetKind.TEXT, TargetKind.LOG})
# A compose file named for what it runs beside the application (docker-compose.ci.yml,
# docker-compose-perf-test.yml, docker-compose.dev-deps.yml, compose.cypress.yaml): the words of
# its name say a test harness or a developer's stack. Plain docker-compose.yml, .prod, .sso,
# .es stay production.
_COMPOSE_NAME = re.compile(r"^(?:([a-z0-9._-]+)[._-])?(?:docker-)?compose(?:[._-]([a-z0-9._-]+))?\.ya?ml$")
_COMPOSE_TEST_WORDS = frozenset("test tests testing e2e ci it integration cypress selenium playwright locust perf performance codebuild".split())
_COMPOSE_DEV_WORDS = frozenset("dev development local override deps dependencies demo".split())


def _compose_words(name: str) -> frozenset[str]:
    found = _COMPOSE_NAME.match(name.lower())
    if found is None:
        return frozenset()
    return frozenset(w for part in found.groups() if part for w in re.split(r"[._-]", part) if w)


@lru_cache(maxsize=65536)
def classify_role(path: str, kind: TargetKind) -> FileRole:
    parts = path.split("/")
    name = parts[-1]
    compose_words = _compose_words(name)
    dirs = [d.lower() for d in parts[:-1]]
    if _VENDORED_NAME.search(name) or _VENDORED_DIRS.intersection(dirs) or _bundled_library(dirs, name, kind):
        return FileRole.VENDORED
    if _is_i18n(name, dirs, kind):
        return FileRole.I18N
    if _SCANNER_ALLOWLIST.match(name):
        return FileRole.DOCS
    if (
        _TEST_DIRS.intersection(dirs) or _TEST_NAME.match(name) or _maven_test(dirs) or any(_TEST_DIR.match(d) for d in dirs) or _dotnet_test_project(dirs)
        or _pascal_test_project(parts[:-1])
        or _chart_test_values(dirs, name) or (dirs and dirs[0] in _TOP_TEST_DIRS)
        or (dirs and dirs[-1] in _DEV_SETTINGS_DIRS and _TEST_SETTINGS_NAME.match(name))
        or _COMPOSE_TEST_WORDS.intersection(compose_words)
    ):
        return FileRole.TEST
    # a compose file, Dockerfile or manifest in a docs folder is a tutorial's example to try locally
    if (_DEV_DIRS.intersection(dirs) and kind not in _INFRA_KINDS) or (kind in _INFRA_KINDS and _DOC_DIRS.intersection(dirs)) or _DEV_NAME.search(name) or _COMPOSE_DEV_WORDS.intersection(compose_words) or _EDITOR_DIRS.intersection(dirs) or (dirs and dirs[-1] in _DEV_SETTINGS_DIRS and _DEV_SETTINGS_NAME.match(name)):
        return FileRole.DEVELOPMENT
    if kind is TargetKind.TEXT and _DOC_NAME.search(name) or (kind in _DOC_KINDS and (_API_DESCRIPTION.search(name) or _api_description_dir(dirs, name))) or (
        kind in _DOC_KINDS and _DOC_DIRS.intersection(dirs) and (_DOC_NAME.search(name) or _DOC_FORMAT.search(name))
    ):
        return FileRole.DOCS
    if kind in _DATA_KINDS or kind is TargetKind.SOURCE:
        if (
            _SEED_DIRS.intersection(dirs) or _SEED_NAME.search(name.rsplit(".", 1)[0]) or any(_SEED_DIR.match(d) for d in dirs)
            or (kind in _DATA_KINDS and _SEED_DATA_NAME.match(name))
        ):
            return FileRole.SEED
        if _REFERENCE_DIRS.intersection(dirs) and kind in _DATA_KINDS:
            return FileRole.REFERENCE
    if any(_EXAMPLE_DIR.match(d) for d in dirs):
        return FileRole.DEVELOPMENT
    return FileRole.PRODUCTION


def _is_i18n(name: str, dirs: list[str], kind: TargetKind) -> bool:
    if kind not in _DATA_KINDS and kind not in (TargetKind.JAVASCRIPT, TargetKind.SOURCE):
        return False
    if _I18N_NAME.search(name):
        return kind is not TargetKind.JAVASCRIPT or bool(_I18N_DIRS.intersection(dirs))
    if _BUNDLE_LOCALE_SUFFIX.match(name):
        return True
    if kind in _DATA_KINDS and _LOCALE_FILE.match(name):
        # not a folder per region holding its own settings (`STLTs/CA/ca.json`: California)
        return not dirs or dirs[-1] != name.split(".")[0].lower()
    # locale/fr.json, i18n/en-US.yaml, lang/de.php, translations/pt_BR/*.json
    return bool(_I18N_DIRS.intersection(dirs)) and (_I18N_JSON.match(name) is not None or kind is TargetKind.CONFIG or any(_I18N_JSON.match(d + ".json") for d in dirs[-1:]))


def _bundled_library(dirs: list[str], name: str, kind: TargetKind) -> bool:
    if any(_VERSIONED_DIR.match(d) for d in dirs) and kind not in _INFRA_KINDS and not name.endswith(".sh"):
        return True
    if _SERVER_CODE.search(name) and any(d in ("assets", "static") and i + 1 < len(dirs) for i, d in enumerate(dirs)):
        # Server-side code in a folder of an assets/ or static/ tree is a bundled library (a
        # PHP database layer under assets/): the project's own server code does not live there.
        return True
    if _BUNDLED_LIBRARY_DIRS.intersection(dirs):
        return True
    # `assets/lib/`, `js/plugins/`; and one theme folder deeper under a static root
    # (`assets/global/plugins/`, as admin themes lay out; not `scripts/i18n/lib/`, a build's own helpers)
    return any(
        d in _ASSET_LIB_DIRS and i > 0 and (dirs[i - 1] in _ASSET_DIRS or (i > 1 and dirs[i - 2] in _STATIC_ROOTS))
        for i, d in enumerate(dirs)
    )


def _chart_test_values(dirs: list[str], name: str) -> bool:
    """charts/<chart>/ci/*-values.yaml: the values chart-testing (`ct`) installs on a throwaway
    cluster to exercise templates; the chart's own values.yaml is what users get."""
    return len(dirs) >= 2 and dirs[-1] == "ci" and name.lower().endswith(("values.yaml", "values.yml"))


def _dotnet_test_project(dirs: list[str]) -> bool:
    return any("." in d and any(_DOTNET_TEST_PART.match(part) for part in d.split(".")[1:]) for d in dirs)


# A solution's or build's test project named in PascalCase (`IntegrationAPITest/`, `HospitalLibraryTests/`)
# at the top of the repository or of src/: deeper down `LabTests/` is a health application's own module.
_PASCAL_TEST_PROJECT = re.compile(r"^[A-Z][A-Za-z0-9]*[a-zA-Z]Tests?$")


def _pascal_test_project(dirs: list[str]) -> bool:
    """`dirs` in their own case."""
    top = dirs[1:2] if dirs[:1] == ["src"] else dirs[:1]
    return any(_PASCAL_TEST_PROJECT.match(d) for d in top)


def _maven_test(dirs: list[str]) -> bool:
    """src/test/** and src/androidTest/** (Maven and Gradle layouts), and Gradle's other test
    source sets (`src/testIntegration`, `src/intTest`, `src/functionalTest`, `src/e2eTest`)."""
    return any(d == "src" and i + 1 < len(dirs) and _TEST_SOURCE_SET.match(dirs[i + 1]) for i, d in enumerate(dirs))


_TEST_SOURCE_SET = re.compile(
    r"^(?:test|it|test[a-z]+|(?:android|integration|int|functional|func|e2e|acceptance|system|component|ui|smoke|api|contract|perf|performance|load|journey|feature)tests?)$"
)
