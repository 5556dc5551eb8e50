#!/usr/bin/env python3
"""Generate examples/northwind-saas.json: a realistic ISMS document.

Northwind Cloud Ltd (fictional) is a ~250-person B2B SaaS company midway to
ISO/IEC 27001:2022 certification, as of 2026-11-29. The document is written
by hand below, as data; this script only assembles it, derives the links that
must agree (SoA risks, evidence and documents from the treatments, evidence
items and documents), and writes it pretty-printed with 2-space indents.

Deterministic: no randomness, no clock. Running it twice gives the same bytes.

Gaps are planted on purpose so that the evaluation rules have something to
find; each is marked `GAP:` below and listed in GAPS at the end (printed with
`--gaps`).

After regenerating, run `isms fmt examples/northwind-saas.json`: the test
suite requires the example in the engine's canonical form (defaults omitted).

Usage: python3 scripts/gen_example.py [--gaps] [OUTPUT]
"""

import json
import sys
from pathlib import Path

AS_OF = "2026-11-29"  # the "today" of the example; informative only
MAIL = "northwind.example"
WIKI = "https://wiki.northwind.example/isms"

GAPS = []


def gap(text):
    GAPS.append(text)


def drop_none(d):
    """Omit absent optional fields and empty lists, as the engine does."""
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


# ---------------------------------------------------------------------------
# Organisation, context, scope (clause 4)
# ---------------------------------------------------------------------------

units = [
    drop_none({"id": "u-exec", "name": "Executive"}),
    drop_none({"id": "u-eng", "name": "Engineering"}),
    drop_none({"id": "u-product", "name": "Product"}),
    drop_none({"id": "u-sales", "name": "Sales and Marketing"}),
    drop_none({"id": "u-support", "name": "Customer Support"}),
    drop_none({"id": "u-finance", "name": "Finance and Legal"}),
    drop_none({"id": "u-hr", "name": "People (HR)"}),
    drop_none({"id": "u-itsec", "name": "IT and Security"}),
    {
        "id": "u-hwlab",
        "name": "Hardware Lab",
        "in_scope": False,
        "exclusion_reason": (
            "Research unit prototyping IoT sensors; handles no customer data, "
            "offers no service to customers and runs on its own network at the "
            "Cambridge site. Its connections to corporate systems are treated "
            "as an interface (if-hwlab)."
        ),
    },
]

sites = [
    {"id": "site-london", "name": "London HQ", "address": "3rd floor, 12 Example Wharf, London E14, United Kingdom"},
    {"id": "site-lisbon", "name": "Lisbon office", "address": "Avenida Exemplo 100, 1050 Lisbon, Portugal"},
    {
        "id": "site-aws-euw2",
        "name": "AWS eu-west-2 (London): production region",
        "address": "Cloud region operated by Amazon Web Services; no physical access by Northwind",
    },
    {
        "id": "site-aws-euw1",
        "name": "AWS eu-west-1 (Ireland): backup and disaster-recovery region",
        "address": "Cloud region operated by Amazon Web Services; no physical access by Northwind",
    },
    {"id": "site-cambridge", "name": "Cambridge Hardware Lab", "address": "Unit 4, Example Science Park, Cambridge, United Kingdom", "in_scope": False},
]

organization = {
    "name": "Northwind Cloud Ltd",
    "sector": "B2B SaaS: workflow automation platform",
    "headcount": 250,
    "units": units,
    "sites": sites,
}

context = {
    "issues": [
        {"id": "ci-01", "kind": "external", "description": "Enterprise customers' procurement increasingly requires ISO/IEC 27001 certification; two deals were lost in 2025 for lack of it."},
        {"id": "ci-02", "kind": "external", "description": "UK GDPR and EU GDPR apply to us as a processor; EU customers require their data to stay in Europe."},
        {"id": "ci-03", "kind": "external", "description": "Ransomware, credential stuffing and supply-chain attacks on SaaS providers keep rising."},
        {"id": "ci-04", "kind": "external", "description": "Heavy dependence on AWS and a small number of SaaS suppliers (Google Workspace, Slack, Okta, Zendesk)."},
        {"id": "ci-05", "kind": "external", "description": "NIS2 applies to several customers, who flow supply-chain security requirements down to us."},
        {"id": "ci-06", "kind": "internal", "description": "Headcount grew from 140 to 250 in two years; onboarding and offboarding processes are strained."},
        {"id": "ci-07", "kind": "internal", "description": "Remote-first working: most staff work from home, with offices in London and Lisbon."},
        {"id": "ci-08", "kind": "internal", "description": "Knowledge of the production platform is concentrated in a few senior engineers."},
        {"id": "ci-09", "kind": "internal", "description": "The Series C investors require quarterly security risk reporting to the board."},
    ],
    "interested_parties": [
        {"id": "ip-customers", "name": "Enterprise customers", "requirements": [
            "ISO/IEC 27001 certification by Q1 2027",
            "Data processing agreement with EU standard contractual clauses",
            "99.9% monthly availability",
            "Notification of security incidents affecting their data within 48 hours",
        ]},
        {"id": "ip-ico", "name": "Information Commissioner's Office (ICO)", "requirements": [
            "Compliance with UK GDPR and the Data Protection Act 2018",
            "Notification of reportable personal data breaches within 72 hours",
            "Payment of the annual data protection fee",
        ]},
        {"id": "ip-cnpd", "name": "Portuguese data protection authority (CNPD)", "requirements": [
            "Compliance with EU GDPR for Lisbon staff and EU customer data",
        ]},
        {"id": "ip-investors", "name": "Investors and the board", "requirements": [
            "Quarterly security risk report to the board",
            "Certification as a milestone of the growth plan",
        ]},
        {"id": "ip-employees", "name": "Employees and contractors", "requirements": [
            "Protection of their personal data",
            "Clear, usable security rules and secure equipment for remote work",
        ]},
        {"id": "ip-cloud", "name": "Cloud and SaaS providers (AWS, Google, Slack, Okta)", "requirements": [
            "Customer responsibilities under each provider's shared-responsibility model",
            "Compliance with their acceptable use policies",
        ]},
        {"id": "ip-payments", "name": "Payment processor (Meridian Payments Ltd)", "requirements": [
            "Annual PCI DSS SAQ A attestation",
        ]},
        {"id": "ip-insurer", "name": "Cyber insurer", "requirements": [
            "MFA on all remote and administrative access",
            "Tested, isolated backups",
            "Endpoint detection and response on all laptops",
        ]},
    ],
    "climate_change": {
        "relevant": True,
        "rationale": (
            "Relevant but of low impact: heat and flood events could disrupt an office "
            "or a cloud region, which multi-AZ hosting, the DR region and remote working "
            "absorb; customers also ask for supplier emissions data. Reviewed yearly "
            "with the context."
        ),
    },
}

scope = {
    "statement": (
        "The information security management system of Northwind Cloud Ltd for the design, "
        "development, operation, sale and support of the Northwind workflow automation "
        "platform, delivered as a service from AWS eu-west-2 (London) with backups in "
        "eu-west-1 (Ireland), and the corporate functions that support it at the London "
        "headquarters, the Lisbon office and from home, in accordance with the Statement of "
        "Applicability version 1.3. The Hardware Lab in Cambridge is excluded."
    ),
    "document": "doc-scope",
    "interfaces": [
        {"id": "if-aws", "description": "Production hosting and customer data storage on AWS (IaaS and managed databases).", "counterparty": "Amazon Web Services EMEA SARL", "controls": ["5.19", "5.23", "8.14"]},
        {"id": "if-payments", "description": "Card payments and subscription billing through the processor's hosted checkout and API; no card data touches our systems.", "counterparty": "Meridian Payments Ltd", "controls": ["5.14", "5.20", "8.24"]},
        {"id": "if-hwlab", "description": "Staff of the out-of-scope Hardware Lab use corporate identity, e-mail and Slack; lab devices sit on a separate network.", "counterparty": "Hardware Lab (out-of-scope unit)", "controls": ["5.15", "8.22"]},
        {"id": "if-collab", "description": "Corporate collaboration on Google Workspace, Slack and Atlassian Cloud.", "counterparty": "Google, Slack, Atlassian", "controls": ["5.23", "8.5"]},
        {"id": "if-customers", "description": "Customer data entering through the public API, webhooks and SSO integrations.", "counterparty": "Customers", "controls": ["5.14", "8.24", "8.26"]},
    ],
    "communications": [
        {"audience": "All staff", "on": "2026-02-24", "channel": "Intranet and all-hands"},
        {"audience": "Customers", "on": "2026-03-10", "channel": "Trust centre"},
        {"audience": "Certification body", "on": "2026-10-02", "channel": "Application for certification"},
    ],
    "approved_by": "p-ceo",
    "approved_on": "2026-02-20",
}

settings = {
    "document_review_days": 365,
    "evidence_freshness_days": 365,
    "risk_review_days": 365,
    "management_review_interval_months": 12,
    "internal_audit_cycle_years": 3,
    "warning_window_days": 30,
}

# ---------------------------------------------------------------------------
# People and roles (5.3, 7.2)
# ---------------------------------------------------------------------------

# (id, name, job title, unit, start, end, external)
PEOPLE = [
    ("p-ceo", "Olivia Hart", "Chief Executive Officer", "u-exec", "2017-04-03", None, False),
    ("p-cto", "Rahul Mehta", "Chief Technology Officer", "u-exec", "2017-04-03", None, False),
    ("p-cfo", "Sarah Okafor", "Chief Financial Officer", "u-finance", "2020-09-14", None, False),
    ("p-cpo", "Hannah Lewis", "Chief Product Officer", "u-product", "2019-01-07", None, False),
    ("p-cro", "Mark Evans", "Chief Revenue Officer", "u-sales", "2021-06-01", None, False),
    ("p-ciso", "Daniel Brooks", "Chief Information Security Officer", "u-itsec", "2024-02-05", None, False),
    ("p-isms", "Aisha Khan", "ISMS Manager", "u-itsec", "2025-01-13", None, False),
    ("p-itmgr", "Tom Fletcher", "Head of IT", "u-itsec", "2019-11-04", None, False),
    ("p-seceng", "Priya Nair", "Security Engineer", "u-itsec", "2023-03-20", None, False),
    ("p-itsupport", "Sam Patel", "IT Support Engineer", "u-itsec", "2022-08-08", None, False),
    ("p-dpo", "Marta Silva", "Legal Counsel and Data Protection Officer", "u-finance", "2021-02-15", None, False),
    ("p-compliance", "Karen Doyle", "Compliance Lead", "u-finance", "2022-05-03", None, False),
    ("p-fin", "Oliver Grant", "Financial Controller and Procurement Lead", "u-finance", "2020-10-19", None, False),
    ("p-vpeng", "James Whitaker", "VP Engineering", "u-eng", "2018-03-12", None, False),
    ("p-platform", "Lucas Ferreira", "Platform Engineering Lead", "u-eng", "2018-09-03", None, False),
    ("p-sre", "Chloe Martin", "Site Reliability Engineering Lead", "u-eng", "2019-05-20", None, False),
    ("p-backend", "Ben Carter", "Senior Backend Engineer", "u-eng", "2020-01-13", None, False),
    ("p-frontend", "Ines Costa", "Frontend Engineer", "u-eng", "2022-04-04", None, False),
    ("p-data", "Nikhil Rao", "Data Engineer", "u-eng", "2021-11-01", None, False),
    ("p-qa", "Zoe Turner", "QA and Test Lead", "u-eng", "2020-07-06", None, False),
    ("p-pm", "Joao Pereira", "Senior Product Manager", "u-product", "2021-03-22", None, False),
    ("p-sales", "Emily Ward", "Enterprise Account Executive", "u-sales", "2022-01-10", None, False),
    ("p-marketing", "Noah Bennett", "Marketing Operations Manager", "u-sales", "2023-09-04", None, False),
    ("p-support", "Grace Adeyemi", "Head of Customer Support", "u-support", "2019-08-19", None, False),
    ("p-support2", "Rui Santos", "Support Engineer", "u-support", "2023-02-06", None, False),
    ("p-hr", "Fiona Campbell", "Head of People", "u-hr", "2018-06-11", None, False),
    ("p-hr2", "Sofia Almeida", "People Partner", "u-hr", "2024-05-13", None, False),
    ("p-hwlab", "Erik Lindqvist", "Hardware Lab Lead", "u-hwlab", "2022-10-03", None, False),
    ("p-extaudit", "Simon Reed", "Internal auditor (contractor, Reed Assurance Consulting)", None, "2024-01-08", None, True),
    # GAP: a leaver whose end date has passed but who still holds the
    # control-owner role and owns SoA entries and an asset.
    ("p-leaver", "Adam Novak", "DevOps Engineer", "u-eng", "2020-02-17", "2026-08-14", False),
    # New starters within the last 60 days: onboarding training pending.
    ("p-new-support", "Leila Haddad", "Support Engineer", "u-support", "2026-11-02", None, False),
    ("p-new-eng", "Mateus Rocha", "Backend Engineer", "u-eng", "2026-11-16", None, False),
]
gap("p-leaver (Adam Novak) left on 2026-08-14 but still holds role-control-owners, owns SoA 8.19 and 8.31 and asset a-cicd")


def person(pid, name, title, unit, start, end, external):
    first, last = name.lower().split(" ", 1)
    email = f"{first}.{last.replace(' ', '')}@{MAIL}" if not external else f"simon@reed-assurance.example"
    return drop_none({
        "id": pid,
        "name": name,
        "email": email,
        "job_title": title,
        "unit": unit,
        "start_date": start,
        "end_date": end,
        "external": True if external else None,
    })


people = [person(*p) for p in PEOPLE]
people_ids = {p[0] for p in PEOPLE}

RISK_OWNERS = ["p-cto", "p-cfo", "p-cpo", "p-cro", "p-ciso", "p-vpeng", "p-itmgr", "p-dpo", "p-support", "p-hr"]
CONTROL_OWNERS = [
    "p-ciso", "p-isms", "p-itmgr", "p-seceng", "p-dpo", "p-compliance", "p-fin", "p-vpeng",
    "p-platform", "p-sre", "p-qa", "p-hr", "p-leaver",
]
ENGINEERS = ["p-vpeng", "p-platform", "p-sre", "p-backend", "p-frontend", "p-data", "p-qa", "p-seceng", "p-new-eng"]

roles = [
    {"id": "role-sponsor", "kind": "top_management_sponsor", "title": "Executive sponsor of the ISMS", "holders": ["p-ceo"],
     "responsibilities": ["Approves the information security policy and the ISMS scope", "Provides resources", "Chairs the management review"],
     "assigned_on": "2025-01-06"},
    {"id": "role-isms-manager", "kind": "isms_manager", "title": "ISMS Manager", "holders": ["p-isms"],
     "responsibilities": ["Runs the ISMS day to day", "Maintains the SoA, risk register and document control", "Reports ISMS performance to top management"],
     "assigned_on": "2025-01-13"},
    {"id": "role-ciso", "kind": "ciso", "title": "Chief Information Security Officer", "holders": ["p-ciso"],
     "responsibilities": ["Owns the security strategy and the risk methodology", "Leads incident response"],
     "assigned_on": "2024-02-05"},
    {"id": "role-dpo", "kind": "data_protection_officer", "title": "Data Protection Officer", "holders": ["p-dpo"],
     "responsibilities": ["Advises on UK and EU GDPR", "Contact point for the ICO and CNPD"],
     "assigned_on": "2021-02-15"},
    {"id": "role-risk-owners", "kind": "risk_owner", "title": "Risk owners", "holders": RISK_OWNERS,
     "responsibilities": ["Approve treatment plans for their risks", "Accept residual risk within the appetite"],
     "assigned_on": "2025-03-03"},
    {"id": "role-control-owners", "kind": "control_owner", "title": "Control owners", "holders": CONTROL_OWNERS,
     "responsibilities": ["Implement and operate their controls", "Keep evidence of operation current"],
     "assigned_on": "2025-03-03"},
    {"id": "role-internal-auditors", "kind": "internal_auditor", "title": "Internal auditors", "holders": ["p-compliance", "p-extaudit"],
     "responsibilities": ["Plan and perform internal audits per the programme", "Report findings to the ISMS Manager and top management"],
     "assigned_on": "2025-06-02"},
    {"id": "role-pm", "kind": "project_manager", "title": "Certification project manager", "holders": ["p-isms"],
     "assigned_on": "2025-01-13"},
    {"id": "role-committee", "kind": "isms_team_member", "title": "Security steering committee", "holders": ["p-ciso", "p-isms", "p-cto", "p-dpo", "p-hr", "p-itmgr", "p-cfo"],
     "responsibilities": ["Meets monthly to steer the ISMS programme"],
     "assigned_on": "2025-02-03"},
    {"id": "role-engineers", "kind": "other", "title": "Software engineers", "holders": ENGINEERS,
     "responsibilities": ["Follow the secure development rules"]},
]
gap("p-compliance (Karen Doyle) is an internal auditor and the owner of SoA 5.31 and 5.36, both in the scope of ia-2026-01 which she audited: independence conflict")

# ---------------------------------------------------------------------------
# Classification and assets (5.9, 5.12)
# ---------------------------------------------------------------------------

classification_scheme = {"levels": [
    {"id": "public", "label": "Public", "description": "Approved for anyone; no handling restrictions."},
    {"id": "internal", "label": "Internal", "description": "Staff and contractors under NDA; not shared outside without approval."},
    {"id": "confidential", "label": "Confidential", "description": "Need-to-know; encrypted in transit and at rest; shared externally only under contract."},
    {"id": "restricted", "label": "Restricted", "description": "Customer data, secrets, payroll: named access, logged, never on personal devices."},
]}

# (id, name, kind, owner, classification, (C, I, A), unit, site, depends_on, description)
ASSETS = [
    ("a-custdb", "Customer production database", "information", "p-cto", "restricted", (5, 5, 4), "u-eng", "site-aws-euw2", ["a-aws"], "Aurora PostgreSQL clusters holding all customer workflow data."),
    ("a-custfiles", "Customer uploaded files", "information", "p-cto", "restricted", (5, 4, 3), "u-eng", "site-aws-euw2", ["a-aws"], "Attachments in S3 buckets, per-tenant prefixes."),
    ("a-contracts", "Customer contracts and DPAs", "information", "p-cro", "confidential", (4, 4, 2), "u-sales", None, ["a-gws"], None),
    ("a-billing", "Billing and subscription records", "information", "p-cfo", "confidential", (3, 4, 3), "u-finance", None, ["a-payproc"], None),
    ("a-payroll", "Payroll data", "information", "p-cfo", "restricted", (5, 4, 3), "u-finance", None, ["a-hris"], "Salaries, bank details and tax data for all staff."),
    ("a-hrrecords", "Personnel files", "information", "p-hr", "restricted", (5, 4, 2), "u-hr", None, ["a-hris"], None),
    ("a-source", "Product source code", "information", "p-cto", "confidential", (4, 5, 3), "u-eng", None, ["a-github"], None),
    ("a-secrets", "Secrets and encryption keys", "information", "p-ciso", "restricted", (5, 5, 4), "u-itsec", "site-aws-euw2", ["a-aws"], "AWS KMS keys, Secrets Manager entries, signing keys."),
    ("a-backups", "Backup vault", "information", "p-sre", "restricted", (5, 5, 4), "u-eng", "site-aws-euw1", ["a-aws-dr"], "Cross-region, cross-account database and file backups."),
    ("a-logs", "Security and audit logs", "information", "p-seceng", "confidential", (3, 4, 3), "u-itsec", None, ["a-siem"], None),
    # GAP: no owner.
    ("a-analytics", "Product analytics warehouse", "information", None, "confidential", (4, 3, 2), "u-product", None, ["a-aws"], "Pseudonymised usage events copied from production."),
    ("a-platform", "Northwind platform (production application)", "software", "p-vpeng", "confidential", (4, 5, 5), "u-eng", "site-aws-euw2", ["a-aws", "a-custdb"], None),
    ("a-api", "Public API and webhooks", "software", "p-vpeng", "internal", (3, 4, 5), "u-eng", "site-aws-euw2", ["a-platform"], None),
    # GAP: owned by the leaver.
    ("a-cicd", "CI/CD pipeline", "software", "p-leaver", "confidential", (3, 5, 4), "u-eng", None, ["a-github"], "GitHub Actions builds and Argo CD deployments."),
    ("a-mdm", "Device management (Jamf)", "software", "p-itmgr", "internal", (3, 4, 3), "u-itsec", None, [], None),
    # GAP: no classification.
    ("a-website", "Marketing website", "software", "p-marketing", None, (1, 3, 2), "u-sales", None, [], None),
    ("a-aws", "AWS production organisation", "service", "p-platform", "restricted", (5, 5, 5), "u-eng", "site-aws-euw2", [], None),
    ("a-aws-dr", "AWS backup and DR account", "service", "p-sre", "restricted", (5, 5, 3), "u-eng", "site-aws-euw1", [], None),
    ("a-idp", "Okta workforce identity", "service", "p-itmgr", "confidential", (4, 5, 5), "u-itsec", None, [], "Single sign-on and MFA for all staff applications."),
    ("a-gws", "Google Workspace", "service", "p-itmgr", "confidential", (4, 4, 4), "u-itsec", None, ["a-idp"], None),
    ("a-slack", "Slack", "service", "p-itmgr", "confidential", (3, 3, 3), "u-itsec", None, ["a-idp"], None),
    ("a-atlassian", "Jira and Confluence", "service", "p-itmgr", "confidential", (3, 3, 3), "u-itsec", None, ["a-idp"], None),
    ("a-github", "GitHub Enterprise", "service", "p-vpeng", "confidential", (4, 5, 4), "u-eng", None, ["a-idp"], None),
    ("a-crm", "Salesforce CRM", "service", "p-cro", "confidential", (3, 3, 2), "u-sales", None, ["a-idp"], None),
    ("a-zendesk", "Zendesk support desk", "service", "p-support", "confidential", (4, 3, 3), "u-support", None, ["a-idp"], None),
    ("a-payproc", "Payment processor integration", "service", "p-cfo", "restricted", (4, 5, 4), "u-finance", None, [], "Meridian Payments hosted checkout and billing API."),
    ("a-hris", "HR information system", "service", "p-hr", "restricted", (5, 4, 2), "u-hr", None, ["a-idp"], None),
    ("a-finance", "Finance and accounting system", "service", "p-cfo", "confidential", (4, 5, 3), "u-finance", None, ["a-idp"], None),
    ("a-siem", "SIEM service", "service", "p-seceng", "confidential", (3, 4, 3), "u-itsec", None, [], None),
    ("a-status", "Public status page", "service", "p-sre", "public", (1, 3, 3), "u-eng", None, [], None),
    ("a-laptops", "Laptop fleet", "physical", "p-itmgr", "confidential", (4, 3, 3), "u-itsec", None, ["a-mdm"], "About 260 managed MacBooks, most used from home."),
    # GAP: no owner.
    ("a-phones", "Mobile phones with corporate e-mail", "physical", None, "internal", (3, 2, 2), None, None, [], "Company and personal (BYOD) phones."),
    ("a-officenet", "Office networks and Wi-Fi", "physical", "p-itmgr", "internal", (2, 2, 3), "u-itsec", "site-london", [], None),
    ("a-office-london", "London HQ office", "site", "p-itmgr", "internal", (2, 2, 3), None, "site-london", [], None),
    ("a-office-lisbon", "Lisbon office", "site", "p-itmgr", "internal", (2, 2, 2), None, "site-lisbon", [], None),
    ("a-brand", "Northwind brand and reputation", "intangible", "p-ceo", "public", (1, 4, 3), None, None, [], None),
    ("a-ip", "Product intellectual property", "intangible", "p-cto", "confidential", (4, 4, 2), None, None, ["a-source"], None),
    ("a-key-platform", "Key person: platform engineering lead", "people", "p-vpeng", "internal", (3, 3, 4), "u-eng", None, [], "Lucas Ferreira: sole expert on the Kubernetes platform and its networking."),
    ("a-key-sre", "Key person: SRE on-call lead", "people", "p-vpeng", "internal", (3, 3, 4), "u-eng", None, [], "Chloe Martin: database recovery and incident command."),
    ("a-key-security", "Key person: security engineer", "people", "p-ciso", "internal", (3, 3, 3), "u-itsec", None, [], "Priya Nair: SIEM rules and detection engineering."),
    ("a-hwlab-proto", "Hardware Lab prototypes", "physical", "p-hwlab", "confidential", (3, 3, 2), "u-hwlab", "site-cambridge", [], "IoT sensor prototypes; outside the ISMS scope.", ),
]
gap("assets a-analytics and a-phones have no owner")
gap("asset a-website has no classification")

ASSET_EXT = {
    "a-laptops": {"cmdb": {"ci_class": "laptop_fleet", "device_count": 262}},
    "a-custdb": {"cmdb": {"ci": "CI-00412"}},
}


def asset(aid, name, kind, owner, cls, cia, unit, site, deps, desc):
    a = drop_none({
        "id": aid,
        "name": name,
        "kind": kind,
        "description": desc,
        "owner": owner,
        "classification": cls,
        "value": {"confidentiality": cia[0], "integrity": cia[1], "availability": cia[2]},
        "unit": unit,
        "site": site,
        "depends_on": deps,
    })
    if aid == "a-hwlab-proto":
        a["in_scope"] = False
    if aid in ASSET_EXT:
        a["extensions"] = ASSET_EXT[aid]
    return a


assets = [asset(*a) for a in ASSETS]

# ---------------------------------------------------------------------------
# Risk methodology and register (6.1.2, 8.2)
# ---------------------------------------------------------------------------

risk_methodology = {
    "preset": "iso27005_5x5",
    "approach": "mixed",
    "aggregation": "max",
    "appetite": "medium",
    "acceptance_validity_days": 365,
    "document": "doc-risk-method",
}

C, I, A = "confidentiality", "integrity", "availability"


def lc(l, c=None, **cia):
    """A rating: likelihood, and a consequence or per-property consequences
    (or neither: asset-based, the consequence follows from the assets)."""
    r = {"likelihood": l}
    if c is not None:
        r["consequence"] = c
    if cia:
        r["cia"] = {k: cia[k] for k in ("confidentiality", "integrity", "availability") if k in cia}
    return r


def acc(by, on, until, note):
    return drop_none({"by": by, "on": on, "valid_until": until, "note": note})


# Each risk: id, title, threat, vulnerability, affects, assets, owner,
# inherent, residual, assessed_on, acceptance, description.
RISKS = [
    ("r-ransomware", "Ransomware encrypts production and corporate systems",
     "Criminal ransomware group", "Unpatched endpoints and broad network reach from laptops to internal tooling",
     [A, I], ["a-custdb", "a-backups", "a-laptops"], "p-ciso", lc(4), lc(2), "2026-04-01",
     acc("p-ciso", "2026-04-08", "2027-04-07", "Residual medium accepted once EDR and immutable backups are in place."), None),
    ("r-credstuff", "Credential stuffing against customer logins",
     "Automated credential-stuffing bots", "Password-only login allowed for customer users; legacy endpoint without rate limiting",
     [C], ["a-platform", "a-custdb"], "p-cpo", lc(4, 4), lc(2, 4), "2026-05-12", None, None),
    ("r-insider", "Insider exfiltrates customer data",
     "Malicious or disgruntled employee", "Engineers have broad read access to production replicas",
     [C], ["a-custdb", "a-analytics"], "p-cto", lc(3), lc(2), "2026-04-01", None, None),
    ("r-cloudmisconfig", "Cloud misconfiguration exposes customer files",
     "Engineer error found by automated internet scanners", "Infrastructure changes merged without policy-as-code checks",
     [C, I], ["a-aws", "a-custfiles"], "p-cto", lc(4), lc(2), "2026-04-01", None, None),
    ("r-supplier", "Breach at a critical SaaS supplier",
     "Compromise of a sub-processor", "Supplier due diligence incomplete for some suppliers onboarded before 2025",
     [C], ["a-zendesk", "a-crm", "a-gws"], "p-cfo", lc(3, 4), lc(3, 3), "2026-05-20", None, None),
    ("r-ddos", "DDoS takes the public API offline",
     "Volumetric and application-layer denial of service", "Limited WAF rules; no tested failover",
     [A], ["a-api", "a-platform"], "p-cto", lc(3, availability=4), lc(2, availability=3), "2026-06-03", None, None),
    ("r-lostlaptop", "Lost or stolen laptop",
     "Theft or loss while travelling or working remotely", "Disk encryption not enforced on a few older devices",
     [C], ["a-laptops"], "p-itmgr", lc(4), lc(3, 2), "2026-03-16",
     acc("p-itmgr", "2026-03-20", "2027-03-19", "Low residual accepted: FileVault enforced by MDM, remote wipe."), None),
    ("r-phishing", "Phishing leads to account takeover",
     "Targeted phishing of staff", "Staff susceptibility; SMS one-time codes still allowed for some users",
     [C, I], ["a-gws", "a-idp"], "p-ciso", lc(5, 3), lc(3, 3), "2026-04-01", None, None),
    ("r-keyperson", "Key person dependency on platform and SRE leads",
     "Departure or long absence of a key engineer", "Platform knowledge undocumented; no trained deputy",
     [A], ["a-key-platform", "a-key-sre"], "p-vpeng", lc(3), lc(3, 3), "2026-06-10", None, None),
    ("r-backupfail", "Backups cannot be restored when needed",
     "Silent failure or corruption of backup jobs", "Restores not tested regularly",
     [A, I], ["a-backups", "a-custdb"], "p-cto", lc(3, 5), lc(1, 5), "2026-10-28",
     acc("p-cto", "2026-11-02", "2027-11-01", "Quarterly automated restore tests since October 2026."), None),
    ("r-vulns", "Exploitation of known vulnerabilities in dependencies",
     "Opportunistic attackers exploiting published CVEs", "Dependency updates lag; no remediation SLA tracking before 2026",
     [C, I, A], ["a-platform", "a-source"], "p-vpeng", lc(4), lc(2), "2026-05-05", None, None),
    ("r-sourceleak", "Source code leaks",
     "Compromised developer account or a repository made public by mistake", "Personal GitHub accounts in the organisation; old repositories without secret scanning",
     [C], ["a-source", "a-github"], "p-cto", lc(3), lc(2), "2026-05-05", None, None),
    ("r-secrets", "Leaked secrets give access to production",
     "Attacker harvesting leaked API keys", "Long-lived credentials in CI variables and developer machines",
     [C, I], ["a-secrets", "a-cicd"], "p-ciso", lc(3), lc(2), "2026-05-05", None, None),
    ("r-cicd-supply", "CI/CD supply-chain compromise",
     "Malicious third-party build action or package", "Third-party actions not pinned to a commit",
     [I], ["a-cicd", "a-platform"], "p-vpeng", lc(3, integrity=5), lc(2, integrity=5), "2026-07-14", None, None),
    ("r-privmisuse", "Misuse of privileged access in AWS",
     "Misuse or theft of administrator rights", "Standing administrator roles; no session recording",
     [C, I, A], ["a-aws"], "p-ciso", lc(3), lc(2), "2026-04-01", None, None),
    ("r-breachnotify", "Personal data breach not notified in time",
     "Regulatory enforcement by the ICO", "Incident triage does not classify personal-data breaches",
     [C], ["a-custdb"], "p-dpo", lc(3, 5), lc(1, 5), "2026-06-22", None, None),
    ("r-residency", "Customer data stored outside the agreed region",
     "Deployment to a non-European region", "No organisation policy restricting AWS regions",
     [C], ["a-aws"], "p-dpo", lc(2, 4), lc(1, 4), "2026-06-22", None, None),
    ("r-breakin", "Break-in at the London office",
     "Burglary out of hours", "Shared building; reception unstaffed in the evening",
     [C, A], ["a-office-london", "a-laptops"], "p-itmgr", lc(2, 3), lc(1, 3), "2026-03-16", None, None),
    ("r-misdirected", "Customer data e-mailed to the wrong recipient",
     "Human error by support staff", "No outbound data-loss prevention on e-mail",
     [C], ["a-gws", "a-zendesk"], "p-support", lc(4, 2), lc(4, 2), "2026-04-09",
     acc("p-support", "2026-04-10", "2027-04-09", "Medium, within appetite; low volume of attachments; training covers it."), None),
    ("r-supportse", "Social engineering of support to reset a customer admin",
     "Impersonation of a customer administrator", "Weak caller verification in the support process",
     [C, I], ["a-zendesk", "a-platform"], "p-support", lc(3, 4), lc(2, 4), "2026-04-09", None, None),
    ("r-payments", "Payment processor outage or breach",
     "Compromise or outage of the payment processor", "Single processor; billing depends on it",
     [A, C], ["a-payproc", "a-billing"], "p-cfo", lc(2, 4), lc(2, 3), "2026-05-02",
     acc("p-cfo", "2026-05-02", "2027-05-01", "Card data handled wholly by the processor (SAQ A); cyber insurance covers business interruption."), None),
    ("r-payroll", "Payroll data exposed",
     "Unauthorised access to payroll exports", "Payroll exports e-mailed to the external accountant",
     [C], ["a-payroll", "a-hris"], "p-cfo", lc(3), lc(2), "2026-05-02", None, None),
    ("r-retention", "Personnel records kept longer than allowed",
     "Complaint or subject access request exposing over-retention", "No retention schedule applied to HR files",
     [C], ["a-hrrecords"], "p-hr", lc(3, 3), lc(2, 3), "2026-07-01", None, None),
    ("r-shadowit", "Unapproved SaaS tools hold customer data",
     "Staff adopting SaaS tools without review", "No SaaS discovery; approval process not widely known",
     [C], ["a-gws"], "p-itmgr", lc(4, 3), lc(3, 3), "2026-03-16", None, None),
    ("r-logging", "Intrusion cannot be investigated for lack of logs",
     "Undetected intrusion", "30-day log retention; gaps in SaaS audit logs",
     [C, I], ["a-logs", "a-siem"], "p-ciso", lc(3, 4), lc(2, 3), "2026-04-01", None, None),
    # GAP: acceptance expired on 2026-06-30 and the assessment is over a year old.
    ("r-region", "AWS region outage stops the service",
     "Provider-wide regional outage", "Production runs in a single region (eu-west-2)",
     [A], ["a-aws", "a-platform"], "p-cto", lc(2, availability=5), lc(2, availability=4), "2025-06-20",
     acc("p-cto", "2025-07-01", "2026-06-30", "Multi-AZ deployment judged sufficient; cross-region failover not funded in 2025."), None),
    ("r-hwlab", "Hardware Lab devices bridge into the corporate network",
     "Compromise through unmanaged lab devices", "Lab devices were on the London office network until 2026",
     [C, I], ["a-officenet", "a-hwlab-proto"], "p-itmgr", lc(3, 3), lc(1, 3), "2026-03-16", None, None),
    ("r-testdata", "Production data in test environments",
     "Exposure from less protected staging environments", "Production snapshots copied to staging for debugging",
     [C], ["a-custdb"], "p-vpeng", lc(4, 4), lc(2, 3), "2026-07-14", None, None),
    ("r-offboarding", "Leavers keep access to company systems",
     "Misuse of access by former staff", "Manual offboarding; SaaS accounts outside SSO missed",
     [C], ["a-idp", "a-gws", "a-slack"], "p-hr", lc(3, 3), lc(2, 3), "2026-10-05", None, None),
    ("r-genai", "Source code and customer data pasted into public AI assistants",
     "Leak of intellectual property through generative AI tools", "No approved AI assistant and no guidance for staff",
     [C], ["a-source", "a-ip"], "p-cto", lc(4, 3), lc(2, 3), "2026-08-24", None, None),
    ("r-webapp", "Injection or XSS flaw in the product",
     "External attacker", "Inconsistent input validation across older services",
     [C, I], ["a-platform", "a-api"], "p-vpeng", lc(3), lc(2), "2026-05-05", None, None),
    ("r-capacity", "Capacity exhausted at peak load",
     "Rapid growth of large customers", "No capacity forecasting",
     [A], ["a-platform"], "p-cto", lc(3, 3), lc(2, 3), "2026-06-03", None, None),
    ("r-change", "Faulty change causes an outage or data corruption",
     "Unreviewed production change", "Emergency changes bypass review",
     [A, I], ["a-platform", "a-cicd"], "p-vpeng", lc(4, 3), lc(2, 3), "2026-07-14", None, None),
    # GAP: assessed more than a year ago.
    ("r-contract", "Customer security commitments not met",
     "Customer audit or contractual claim", "Security commitments in contracts are not tracked",
     [C, I, A], ["a-contracts"], "p-cro", lc(3, 3), lc(2, 3), "2025-06-10", None, None),
    ("r-reputation", "Reputational damage after a public incident",
     "Media and social-media coverage of a breach", "No crisis communication plan",
     [I], ["a-brand"], "p-cro", lc(2), lc(2, 3), "2026-06-03", None, None),
    # GAP: assessed more than a year ago.
    ("r-mobile", "Lost phone exposes corporate e-mail",
     "Loss or theft of a personal phone", "BYOD phones not enrolled in device management",
     [C], ["a-phones", "a-gws"], "p-itmgr", lc(3, 3), lc(2, 2), "2025-09-02", None, None),
    # GAP: assessed more than a year ago.
    ("r-disposal", "Data recovered from disposed laptops",
     "Data recovery from resold devices", "Ad-hoc disposal through a reseller without certificates",
     [C], ["a-laptops"], "p-itmgr", lc(2, 3), lc(1, 3), "2025-10-20", None, None),
    # GAP: acceptance given by the CISO, not the risk owner (the CRO).
    ("r-defacement", "Marketing website defaced",
     "Hacktivist or opportunistic attacker", "Third-party CMS plugins",
     [I], ["a-website", "a-brand"], "p-cro", lc(3, 2), lc(3, 2), "2026-05-15",
     acc("p-ciso", "2026-05-15", "2027-05-14", "Low impact: no customer data on the site; restored from the hosting provider in hours."), None),
    ("r-bec", "Invoice fraud through business e-mail compromise",
     "Fraudsters impersonating suppliers", "Supplier bank-detail changes verified by e-mail only",
     [I], ["a-finance"], "p-cfo", lc(3, 4), lc(2, 3), "2026-05-02", None, None),
    ("r-onprem", "Security of customer-hosted on-premises deployments",
     "Loss of control over the security of deployments run by customers", "Product not designed for hostile hosting environments",
     [C, I], ["a-source", "a-ip"], "p-cpo", lc(3, 4), lc(1, 4), "2026-02-09", None,
     "Requested by two prospects; declined by decision of the product board."),
    ("r-aifeatures", "Prompt injection in the planned AI workflow assistant",
     "Malicious content in customer workflows steering the AI assistant", "New feature; threat model not yet done",
     [C, I], ["a-platform"], "p-cpo", None, None, None, None, None),
]
gap("risks r-region, r-contract, r-mobile and r-disposal were last assessed more than 365 days before 2026-11-29")
gap("r-region: residual-risk acceptance expired on 2026-06-30")
gap("r-defacement: residual risk accepted by p-ciso, who is not the risk owner (p-cro)")
gap("r-aifeatures: identified, not yet rated and without a treatment")

RISK_EXT = {"r-ransomware": {"jira": {"key": "SEC-412"}}}


def risk(rid, title, threat, vuln, affects, assets_, owner, inh, res, assessed, acceptance, desc):
    r = drop_none({
        "id": rid,
        "title": title,
        "description": desc,
        "status": "identified" if inh is None else ("closed" if rid == "r-onprem" else "open"),
        "assets": assets_,
        "threat": threat,
        "vulnerability": vuln,
        "affects": affects,
        "owner": owner,
        "inherent": inh,
        "residual": res,
        "assessed_on": assessed,
        "acceptance": acceptance,
    })
    if rid in RISK_EXT:
        r["extensions"] = RISK_EXT[rid]
    return r


risks = [risk(*r) for r in RISKS]
risk_owner = {r[0]: r[6] for r in RISKS}

# ---------------------------------------------------------------------------
# Custom controls and treatments (6.1.3, 8.3)
# ---------------------------------------------------------------------------

controls = [
    {"id": "nw-access-recert", "title": "Quarterly access recertification", "description": "Every quarter, application owners recertify who has access to each production and corporate system in Okta; removals within five working days.", "owner": "p-itmgr", "status": "implemented", "annex_a": ["5.18", "8.2"]},
    {"id": "nw-change-freeze", "title": "Change freeze during customer peak periods", "description": "No non-emergency production changes in the last five working days of each quarter.", "owner": "p-vpeng", "status": "implemented", "annex_a": ["8.32"]},
    {"id": "nw-byok", "title": "Customer-managed encryption keys for enterprise tenants", "description": "Enterprise tenants may supply their own KMS key for data at rest.", "owner": "p-platform", "status": "planned", "annex_a": ["8.24"]},
]


def act(aid, title, owner, due, status, progress=None, completed=None, ext=None):
    a = drop_none({"id": aid, "title": title, "owner": owner, "due_on": due, "status": status, "progress": progress, "completed_on": completed})
    if ext:
        a["extensions"] = ext
    return a


# risk id -> (option, controls, actions, rationale, approved)
# approved: True = by the risk owner on the date given in APPROVED_ON, False = not approved.
TREATMENTS = [
    ("r-ransomware", "modify", ["8.7", "8.8", "8.13", "8.1", "5.24", "5.26", "8.16"], [
        act("act-edr", "Roll out EDR to all laptops and servers", "p-seceng", "2026-06-30", "done", 100, "2026-06-12"),
        act("act-immutable-backup", "Enable object lock on the backup vault", "p-sre", "2026-07-31", "done", 100, "2026-07-20"),
        act("act-ransom-playbook", "Write and exercise a ransomware response playbook", "p-ciso", "2026-12-15", "in_progress", 60),
    ], "EDR, patching and immutable backups reduce likelihood and limit impact.", "2026-04-08"),
    ("r-credstuff", "modify", ["8.5", "5.17", "8.16", "8.26"], [
        act("act-rate-limit", "Rate limiting and bot detection on all login endpoints", "p-backend", "2026-08-31", "done", 100, "2026-08-25"),
        act("act-customer-mfa", "Offer MFA and enforce it for customer admin accounts", "p-pm", "2026-12-31", "in_progress", 70, ext={"jira": {"key": "PROD-2291"}}),
    ], None, "2026-05-15"),
    ("r-insider", "modify", ["8.2", "8.3", "5.18", "8.12", "8.15", "6.1", "6.4", "nw-access-recert"], [
        act("act-replica-access", "Remove standing engineer access to production replicas; break-glass only", "p-platform", "2026-09-30", "in_progress", 50),
    ], None, "2026-04-08"),
    ("r-cloudmisconfig", "modify", ["8.9", "5.23", "8.32", "8.29", "8.16"], [
        act("act-policy-as-code", "Block IaC merges failing policy-as-code checks", "p-platform", "2026-07-31", "done", 100, "2026-07-29"),
        act("act-cspm", "Continuous cloud posture monitoring with alerting to the SIEM", "p-seceng", "2026-12-31", "in_progress", 40),
    ], None, "2026-04-08"),
    ("r-supplier", "modify", ["5.19", "5.20", "5.21", "5.22", "5.23"], [
        act("act-supplier-backlog", "Complete security reviews of the 9 suppliers onboarded before 2025", "p-fin", "2026-09-30", "in_progress", 67),
    ], None, "2026-05-22"),
    ("r-ddos", "modify", ["8.20", "8.21", "8.6", "8.14", "5.30"], [
        act("act-waf", "Managed WAF rules and rate limits on the public API", "p-platform", "2026-08-31", "done", 100, "2026-08-12"),
        act("act-ddos-drill", "Run a failover drill for the API", "p-sre", "2027-01-31", "planned"),
    ], None, "2026-06-05"),
    ("r-lostlaptop", "modify", ["8.1", "8.24", "7.9", "6.7", "5.11"], [
        act("act-filevault", "Enforce FileVault on every laptop through MDM", "p-itmgr", "2026-04-30", "done", 100, "2026-04-21"),
    ], None, "2026-03-20"),
    ("r-phishing", "modify", ["6.3", "8.5", "8.23", "8.7", "6.8"], [
        act("act-phish-resistant", "Move all staff to phishing-resistant MFA (passkeys)", "p-itmgr", "2026-12-15", "in_progress", 85),
        act("act-web-filter", "Deploy DNS web filtering on laptops", "p-itmgr", "2027-02-28", "planned"),
    ], None, "2026-04-08"),
    ("r-keyperson", "modify", ["5.37", "6.3"], [
        act("act-runbooks", "Document platform runbooks and train two deputies", "p-platform", "2027-01-15", "in_progress", 45),
    ], None, "2026-06-12"),
    ("r-backupfail", "modify", ["8.13", "8.14", "5.30"], [
        act("act-restore-tests", "Automated quarterly restore tests with reports", "p-sre", "2026-10-31", "done", 100, "2026-10-20"),
    ], None, "2026-10-30"),
    ("r-vulns", "modify", ["8.8", "8.28", "8.25", "8.29"], [
        act("act-dependabot", "Dependency update automation on all repositories", "p-vpeng", "2026-06-30", "done", 100, "2026-06-18"),
        act("act-vuln-sla", "Track remediation SLAs in the vulnerability dashboard", "p-seceng", "2026-08-31", "done", 100, "2026-09-04"),
    ], None, "2026-05-08"),
    ("r-sourceleak", "modify", ["8.4", "8.5", "5.17", "8.12"], [
        act("act-github-emu", "Move to managed GitHub accounts; enable secret scanning everywhere", "p-vpeng", "2026-12-15", "in_progress", 75),
    ], None, "2026-05-08"),
    ("r-secrets", "modify", ["8.24", "5.17", "8.4", "8.9"], [
        act("act-oidc", "Replace long-lived CI credentials with OIDC federation", "p-platform", "2026-09-30", "done", 100, "2026-09-26"),
    ], None, "2026-05-08"),
    ("r-cicd-supply", "modify", ["5.21", "8.25", "8.31", "8.32"], [
        act("act-pin-actions", "Pin third-party actions to commit SHAs", "p-leaver", "2026-08-31", "in_progress", 30),
    ], None, "2026-07-16"),
    ("r-privmisuse", "modify", ["8.2", "8.18", "8.15", "nw-access-recert"], [
        act("act-jit-admin", "Just-in-time administrator access with approval", "p-platform", "2026-12-31", "in_progress", 55),
    ], None, "2026-04-08"),
    ("r-breachnotify", "modify", ["5.24", "5.26", "5.34", "5.5"], [
        act("act-breach-triage", "Add personal-data breach assessment to the incident triage", "p-dpo", "2026-08-31", "done", 100, "2026-08-14"),
    ], None, "2026-06-24"),
    ("r-residency", "modify", ["5.34", "5.31", "8.9", "5.23"], [
        act("act-region-scp", "Service control policy denying non-European regions", "p-platform", "2026-07-31", "done", 100, "2026-07-10"),
    ], None, "2026-06-24"),
    # GAP: relies on 7.4, which the SoA marks not applicable.
    ("r-breakin", "modify", ["7.1", "7.2", "7.4"], [
        act("act-alarm", "Intruder alarm linked to the building's monitoring", "p-itmgr", "2026-06-30", "done", 100, "2026-06-02"),
    ], None, "2026-03-20"),
    ("r-misdirected", "retain", [], [], "Within appetite; cost of e-mail DLP disproportionate to the volume of attachments.", "2026-04-10"),
    ("r-supportse", "modify", ["5.16", "5.17", "6.3"], [
        act("act-caller-verification", "Verified call-back before any admin reset", "p-support", "2026-06-30", "done", 100, "2026-06-15"),
    ], None, "2026-04-10"),
    ("r-payments", "share", ["5.20"], [], "Card data handled wholly by the processor (PCI DSS SAQ A); business interruption insured.", "2026-05-02"),
    ("r-payroll", "modify", ["5.14", "8.24", "5.15", "8.3"], [
        act("act-payroll-portal", "Share payroll exports through the accountant's portal, not e-mail", "p-fin", "2026-07-31", "done", 100, "2026-07-03"),
    ], None, "2026-05-04"),
    ("r-retention", "modify", ["5.33", "5.34", "8.10"], [
        act("act-hr-retention", "Apply the retention schedule to HR files and purge the backlog", "p-hr2", "2027-01-31", "in_progress", 50),
    ], None, "2026-07-03"),
    ("r-shadowit", "modify", ["5.10", "5.23", "5.9"], [
        act("act-saas-discovery", "SaaS discovery through the identity provider and expense data", "p-itmgr", "2027-01-31", "in_progress", 20),
    ], None, "2026-03-20"),
    ("r-logging", "modify", ["8.15", "8.16", "8.17", "5.28"], [
        act("act-log-retention", "Extend log retention to 13 months", "p-seceng", "2026-07-31", "done", 100, "2026-07-15"),
        act("act-saas-logs", "Ingest Google Workspace and Okta audit logs into the SIEM", "p-seceng", "2026-12-15", "in_progress", 80),
    ], None, "2026-04-08"),
    ("r-region", "retain", [], [], "Multi-AZ deployment within eu-west-2 judged sufficient for the 99.9% commitment.", "2025-07-01"),
    ("r-hwlab", "modify", ["8.22", "8.20"], [
        act("act-lab-vlan", "Move the lab to its own network at the Cambridge site", "p-itmgr", "2026-05-31", "done", 100, "2026-05-18"),
    ], None, "2026-03-20"),
    # GAP: never approved by the risk owner.
    ("r-testdata", "modify", ["8.33", "8.11", "8.31"], [
        act("act-synthetic-data", "Synthetic and masked data sets for staging", "p-data", "2027-01-31", "planned"),
    ], None, None),
    ("r-offboarding", "modify", ["5.18", "6.5", "5.11", "nw-access-recert"], [
        act("act-scim-offboarding", "Automated deprovisioning via SCIM for all SaaS with SSO", "p-itmgr", "2026-09-30", "done", 100, "2026-09-22"),
        act("act-offboarding-checklist", "HR offboarding checklist covers ISMS roles and ownership", "p-hr", "2026-12-31", "planned"),
    ], None, "2026-10-06"),
    # GAP: modify without any control.
    ("r-genai", "modify", [], [
        act("act-ai-assistant", "Approve an enterprise AI assistant with data controls", "p-cto", "2027-01-15", "in_progress", 40),
        act("act-ai-guidance", "Publish guidance on using AI tools", "p-isms", "2026-11-30", "planned"),
    ], "Approved tooling and guidance; controls still to be selected.", "2026-08-26"),
    ("r-webapp", "modify", ["8.28", "8.29", "8.26", "8.25", "8.27"], [
        act("act-sast", "SAST and DAST in the pipeline for all services", "p-qa", "2026-09-30", "done", 100, "2026-09-18"),
    ], None, "2026-05-08"),
    ("r-capacity", "modify", ["8.6", "nw-change-freeze"], [
        act("act-capacity-forecast", "Monthly capacity forecast reviewed by SRE", "p-sre", "2026-08-31", "done", 100, "2026-08-05"),
    ], None, "2026-06-05"),
    ("r-change", "modify", ["8.32", "8.31", "8.29", "nw-change-freeze"], [
        act("act-emergency-change", "Retrospective review of every emergency change within 2 working days", "p-vpeng", "2026-09-30", "done", 100, "2026-09-10"),
    ], None, "2026-07-16"),
    ("r-contract", "modify", ["5.31", "5.20", "5.36"], [
        act("act-commitments-register", "Register of security commitments in customer contracts", "p-compliance", "2025-12-31", "in_progress", 70),
    ], None, "2025-06-12"),
    ("r-reputation", "modify", ["5.24", "5.26", "5.27", "5.5"], [
        act("act-crisis-comms", "Crisis communication plan with pre-approved statements", "p-cro", "2026-09-30", "planned"),
    ], None, "2026-06-05"),
    ("r-mobile", "modify", ["8.1", "6.7"], [
        act("act-byod-mdm", "Require app-level management for corporate mail on personal phones", "p-itmgr", "2025-12-31", "done", 100, "2025-12-09"),
    ], None, "2025-09-04"),
    ("r-disposal", "modify", ["7.14", "8.10"], [
        act("act-itad", "Certified disposal vendor with certificates of destruction", "p-itsupport", "2026-03-31", "done", 100, "2026-02-27"),
    ], None, "2025-10-22"),
    ("r-defacement", "retain", [], [], "No customer data on the site; hosting provider restores it within hours.", "2026-05-15"),
    ("r-bec", "modify", ["5.14", "6.3", "8.5"], [
        act("act-bank-callback", "Verify supplier bank-detail changes by call-back to a known number", "p-fin", "2026-06-30", "done", 100, "2026-06-01"),
    ], None, "2026-05-04"),
    ("r-onprem", "avoid", [], [], "On-premises deployments will not be offered; the activity that gives rise to the risk is not undertaken.", "2026-02-10"),
]
gap("t-r-genai: modify treatment without any control")
gap("t-r-breakin relies on control 7.4, which the SoA marks not applicable")
gap("t-r-testdata: treatment plan not approved by the risk owner")
gap("overdue treatment actions as of 2026-11-29: act-replica-access, act-supplier-backlog, act-pin-actions (owner is the leaver), act-commitments-register (due 2025-12-31), act-crisis-comms (planned, never started)")

TREATMENT_EXT = {"r-ransomware": {"jira": {"epic": "SEC-400"}}}

treatments = []
for rid, option, ctl, actions, rationale, approved_on in TREATMENTS:
    t = drop_none({
        "id": f"t-{rid}",
        "risk": rid,
        "option": option,
        "controls": ctl,
        "actions": actions,
        "rationale": rationale,
        "approved_by": risk_owner[rid] if approved_on else None,
        "approved_on": approved_on,
    })
    if rid in TREATMENT_EXT:
        t["extensions"] = TREATMENT_EXT[rid]
    treatments.append(t)

# ---------------------------------------------------------------------------
# Documents (7.5)
# ---------------------------------------------------------------------------

# (id, title, kind, satisfies, status, version, owner, approver, approved_on, last_reviewed_on, controls)
DOCS = [
    ("doc-policy", "Information Security Policy", "policy", ["information_security_policy"], "approved", "3.0", "p-ciso", "p-ceo", "2026-02-14", "2026-02-14", ["5.1", "5.2", "5.4"]),
    ("doc-scope", "ISMS Scope", "other", ["isms_scope"], "approved", "2.1", "p-isms", "p-ceo", "2026-02-20", "2026-02-20", []),
    ("doc-risk-method", "Risk Assessment and Treatment Methodology", "procedure", ["risk_assessment_process", "risk_treatment_process"], "approved", "2.0", "p-ciso", "p-ceo", "2026-01-19", "2026-01-19", []),
    ("doc-soa", "Statement of Applicability", "register", ["statement_of_applicability"], "approved", "1.3", "p-isms", "p-ciso", "2026-10-15", "2026-10-15", []),
    ("doc-rtp", "Risk Treatment Plan 2026", "plan", ["risk_treatment_plan"], "approved", "1.4", "p-isms", "p-ciso", "2026-10-15", "2026-10-15", []),
    ("doc-risk-report", "Risk Assessment Report 2026", "record", ["risk_assessment_results", "risk_treatment_results"], "approved", "2026.2", "p-isms", "p-ciso", "2026-10-15", "2026-10-15", []),
    ("doc-objectives", "Information Security Objectives 2026", "plan", ["information_security_objectives"], "approved", "1.1", "p-isms", "p-ceo", "2026-03-18", "2026-03-18", []),
    ("doc-competence", "Training and Competence Records", "record", ["competence_records"], "approved", "2026.11", "p-hr", "p-isms", "2026-11-20", "2026-11-20", ["6.3"]),
    ("doc-ops-records", "ISMS Operations Log", "record", ["operational_planning_records"], "approved", "2026.11", "p-isms", "p-ciso", "2026-11-03", "2026-11-03", []),
    ("doc-metrics", "Security Metrics Report Q3 2026", "record", ["monitoring_results"], "approved", "2026-Q3", "p-isms", "p-ciso", "2026-10-12", "2026-10-12", []),
    ("doc-audit-programme", "Internal Audit Programme 2026-2028", "plan", ["internal_audit_programme"], "approved", "1.0", "p-isms", "p-ceo", "2026-03-18", "2026-03-18", []),
    ("doc-ia-report", "Internal Audit Report IA-2026-01", "record", ["internal_audit_results"], "approved", "1.0", "p-extaudit", "p-isms", "2026-09-25", "2026-09-25", []),
    ("doc-mr-minutes", "Management Review Minutes, March 2026", "record", ["management_review_results"], "approved", "1.0", "p-isms", "p-ceo", "2026-03-25", "2026-03-25", []),
    ("doc-nc-log", "Nonconformity and Corrective Action Log", "register", ["nonconformity_records", "corrective_action_results"], "approved", "2026.11", "p-isms", "p-ciso", "2026-11-23", "2026-11-23", []),
    ("doc-aup", "Acceptable Use Policy", "policy", ["acceptable_use_rules", "topic_specific_policies"], "approved", "2.2", "p-itmgr", "p-ciso", "2026-02-14", "2026-02-14", ["5.10", "5.11"]),
    ("doc-asset-inventory", "Asset Inventory", "register", ["asset_inventory"], "approved", "2026.10", "p-itmgr", "p-ciso", "2026-10-01", "2026-10-01", ["5.9"]),
    ("doc-classification", "Information Classification and Handling Standard", "standard", ["topic_specific_policies"], "approved", "1.2", "p-isms", "p-ciso", "2026-02-14", "2026-02-14", ["5.12", "5.13"]),
    ("doc-transfer", "Information Transfer Standard", "standard", ["information_transfer_rules"], "approved", "1.0", "p-isms", "p-ciso", "2026-04-20", "2026-04-20", ["5.14"]),
    ("doc-access", "Access Control Policy", "policy", ["access_control_policy", "topic_specific_policies"], "approved", "2.1", "p-itmgr", "p-ciso", "2026-02-14", "2026-02-14", ["5.15", "5.16", "5.17", "5.18", "8.2", "8.3", "8.5", "nw-access-recert"]),
    ("doc-supplier", "Supplier Security Procedure", "procedure", ["supplier_security_procedures"], "approved", "1.3", "p-fin", "p-ciso", "2026-03-02", "2026-03-02", ["5.19", "5.20", "5.21", "5.22", "5.23"]),
    ("doc-incident", "Incident Management Procedure", "procedure", ["incident_management_process", "incident_response_procedures"], "approved", "2.0", "p-ciso", "p-ceo", "2026-05-11", "2026-05-11", ["5.24", "5.25", "5.26", "5.27", "6.8"]),
    # GAP: draft, never approved.
    ("doc-bcp", "Business Continuity and ICT Readiness Plan", "plan", ["business_continuity_plans"], "draft", "0.4", "p-sre", None, None, None, ["5.29", "5.30", "8.14"]),
    ("doc-legal-register", "Register of Legal, Regulatory and Contractual Requirements", "register", ["legal_requirements_register"], "approved", "2026.1", "p-compliance", "p-dpo", "2026-01-28", "2026-01-28", ["5.31"]),
    ("doc-privacy", "Data Protection Policy", "policy", ["topic_specific_policies"], "approved", "2.0", "p-dpo", "p-ceo", "2026-04-14", "2026-04-14", ["5.33", "5.34", "8.10"]),
    ("doc-ipr", "Intellectual Property and Open-Source Licence Procedure", "procedure", ["ipr_procedures"], "approved", "1.1", "p-dpo", "p-cto", "2026-09-01", "2026-09-01", ["5.32"]),
    ("doc-runbooks", "Production Operations Runbooks", "procedure", ["operating_procedures"], "approved", "live", "p-sre", "p-vpeng", "2026-07-07", "2026-07-07", ["5.37", "8.6"]),
    ("doc-hr-security", "People Security Procedure (screening, terms, discipline, leavers)", "procedure", ["disciplinary_process"], "approved", "1.4", "p-hr", "p-ciso", "2026-02-18", "2026-02-18", ["6.1", "6.2", "6.4", "6.5"]),
    ("doc-nda", "Confidentiality Agreement Templates", "standard", ["nda_templates"], "approved", "3.0", "p-dpo", "p-cfo", "2026-05-09", "2026-05-09", ["6.6"]),
    ("doc-remote", "Remote Working and Device Policy", "policy", ["topic_specific_policies"], "approved", "1.3", "p-itmgr", "p-ciso", "2026-04-30", "2026-04-30", ["6.7", "7.9", "8.1"]),
    ("doc-physical", "Physical Security and Clear Desk Standard", "standard", ["clear_desk_rules"], "approved", "1.1", "p-itmgr", "p-ciso", "2026-03-16", "2026-03-16", ["7.1", "7.2", "7.3", "7.5", "7.7", "7.8"]),
    ("doc-config", "Configuration Baselines", "standard", ["configuration_baselines"], "approved", "1.2", "p-platform", "p-ciso", "2026-06-30", "2026-06-30", ["8.9", "8.19"]),
    ("doc-backup", "Backup Policy", "policy", ["backup_policy", "topic_specific_policies"], "approved", "1.1", "p-sre", "p-ciso", "2026-10-24", "2026-10-24", ["8.13"]),
    ("doc-logging", "Event Logs (SIEM)", "record", ["event_logs"], "approved", "live", "p-seceng", "p-ciso", "2026-07-15", "2026-07-15", ["8.15", "8.16", "8.17"]),
    # GAP: last reviewed 2025-08-14, more than 365 days ago.
    ("doc-crypto", "Cryptography and Key Management Policy", "policy", ["cryptography_policy", "topic_specific_policies"], "approved", "1.0", "p-ciso", "p-ceo", "2025-08-14", "2025-08-14", ["8.24"]),
    ("doc-sdlc", "Secure Development Standard", "standard", ["secure_development_rules"], "approved", "2.0", "p-vpeng", "p-ciso", "2026-03-09", "2026-03-09", ["8.4", "8.25", "8.26", "8.28", "8.29", "8.31", "8.33"]),
    ("doc-architecture", "Secure Architecture Principles", "standard", ["secure_engineering_principles"], "approved", "1.0", "p-platform", "p-cto", "2026-08-20", "2026-08-20", ["8.20", "8.22", "8.27"]),
    ("doc-change", "Change Management Procedure", "procedure", ["change_management_procedure"], "approved", "1.2", "p-vpeng", "p-cto", "2026-01-12", "2026-01-12", ["8.32", "nw-change-freeze"]),
    ("doc-vuln", "Vulnerability and Malware Management Standard", "standard", ["topic_specific_policies"], "approved", "1.1", "p-seceng", "p-ciso", "2026-09-04", "2026-09-04", ["8.7", "8.8"]),
]
gap("mandatory document evidence_handling_procedures (A.5.28, applicable) is missing: no document satisfies it")
gap("doc-bcp (satisfies business_continuity_plans) is an unapproved draft")
gap("doc-crypto (satisfies cryptography_policy) was last reviewed on 2025-08-14: overdue for review")

DOC_EXT = {"doc-policy": {"confluence": {"page_id": "884213"}}}


def document(did, title, kind, satisfies, status, version, owner, approver, approved_on, reviewed, ctl):
    d = drop_none({
        "id": did,
        "title": title,
        "kind": kind,
        "satisfies": satisfies,
        "status": status,
        "version": version,
        "owner": owner,
        "approved_by": approver,
        "approved_on": approved_on,
        "last_reviewed_on": reviewed,
        "controls": ctl,
        "location": f"{WIKI}/{did[4:]}",
    })
    if did in DOC_EXT:
        d["extensions"] = DOC_EXT[did]
    return d


documents = [document(*d) for d in DOCS]

# ---------------------------------------------------------------------------
# Evidence (9.1; what auditors sample)
# ---------------------------------------------------------------------------

# (id, title, collected_on, controls, collected_by, valid_for_days)
EVIDENCE = [
    ("ev-001", "Signed approval of the Information Security Policy v3.0", "2026-02-14", ["5.1"], "p-isms", None),
    ("ev-002", "ISMS roles and responsibilities published on the intranet", "2026-02-20", ["5.2"], "p-isms", None),
    ("ev-003", "Segregation of duties matrix for production deployments", "2026-05-11", ["5.3"], "p-isms", None),
    ("ev-004", "CEO all-hands security briefing recording", "2026-03-05", ["5.4"], "p-isms", None),
    ("ev-005", "Authority contacts list (ICO, CNPD, NCSC, police)", "2026-01-15", ["5.5"], "p-dpo", None),
    ("ev-006", "Asset inventory export from the CMDB", "2026-10-01", ["5.9"], "p-itmgr", None),
    ("ev-007", "Acceptable use policy acknowledgements (HRIS report)", "2026-09-30", ["5.10"], "p-hr2", None),
    ("ev-008", "Leaver equipment return checklist sample, Q3 2026", "2026-10-05", ["5.11"], "p-itsupport", None),
    ("ev-009", "Classification labels applied in Google Drive (sample)", "2026-06-18", ["5.12"], "p-isms", None),
    ("ev-010", "Approved file-transfer channels configuration", "2026-04-22", ["5.14"], "p-itmgr", None),
    ("ev-011", "Okta access review, Q3 2026", "2026-10-08", ["5.15", "5.18"], "p-itmgr", 120),
    ("ev-012", "Joiner provisioning through SCIM: sample of 10 joiners", "2026-10-12", ["5.16"], "p-itsupport", None),
    ("ev-013", "Okta MFA policy enforcing phishing-resistant factors", "2026-08-19", ["5.17", "8.5"], "p-itmgr", None),
    # GAP (stale): 90-day window, collected 142 days ago.
    ("ev-014", "Access recertification sign-off, Q2 2026", "2026-07-10", ["5.18", "nw-access-recert"], "p-itmgr", 90),
    ("ev-015", "Supplier risk assessments for 12 critical suppliers", "2026-03-30", ["5.19", "5.21"], "p-fin", None),
    ("ev-016", "DPA and security schedule template v4", "2026-02-01", ["5.20"], "p-dpo", None),
    ("ev-017", "AWS SOC 2 Type II report review", "2026-06-01", ["5.22", "5.23"], "p-fin", None),
    ("ev-018", "Cloud services register with shared-responsibility notes", "2026-05-20", ["5.23"], "p-platform", None),
    ("ev-019", "Incident response tabletop exercise report", "2026-06-25", ["5.24", "5.26"], "p-ciso", None),
    ("ev-020", "Security event triage log (SEC queue export)", "2026-11-02", ["5.25"], "p-seceng", None),
    ("ev-021", "Post-incident review INC-2026-007", "2026-08-04", ["5.27"], "p-ciso", None),
    # GAP (stale).
    ("ev-022", "Business continuity walkthrough: loss of the London office", "2025-05-14", ["5.29"], "p-sre", None),
    ("ev-023", "Review of the legal and contractual requirements register", "2026-01-28", ["5.31"], "p-compliance", None),
    ("ev-024", "Open-source licence scan report", "2026-09-12", ["5.32"], "p-vpeng", None),
    ("ev-025", "Retention rules applied in Google Vault", "2026-03-03", ["5.33"], "p-dpo", None),
    ("ev-026", "Records of processing activities", "2026-04-14", ["5.34"], "p-dpo", None),
    ("ev-027", "Policy compliance spot checks, Q3 2026", "2026-10-20", ["5.36"], "p-compliance", None),
    ("ev-028", "Runbook index for production operations", "2026-07-07", ["5.37"], "p-sre", None),
    ("ev-029", "Background screening completion report", "2026-10-30", ["6.1"], "p-hr2", None),
    # GAP (stale).
    ("ev-030", "Employment contract template with security clauses", "2025-11-10", ["6.2"], "p-hr", None),
    ("ev-031", "Security awareness completion report (LMS)", "2026-11-15", ["6.3"], "p-isms", None),
    ("ev-032", "Disciplinary procedure acknowledgements", "2026-02-18", ["6.4"], "p-hr", None),
    ("ev-033", "Offboarding checklist sample, Q3 2026 leavers", "2026-10-05", ["6.5"], "p-hr2", None),
    ("ev-034", "Signed NDAs for contractors (sample)", "2026-05-09", ["6.6"], "p-hr2", None),
    ("ev-035", "Remote working standard acknowledgements", "2026-04-30", ["6.7"], "p-itmgr", None),
    ("ev-036", "Phishing report button statistics", "2026-11-01", ["6.8"], "p-seceng", None),
    ("ev-037", "London office access control system report", "2026-09-03", ["7.1", "7.2"], "p-itsupport", None),
    # GAP (stale).
    ("ev-038", "Lisbon office physical security walk-through", "2025-03-21", ["7.3"], "p-itmgr", None),
    ("ev-039", "Fire safety inspection certificate, London HQ", "2026-02-11", ["7.5"], "p-itmgr", None),
    ("ev-040", "Clear desk audit results", "2026-07-23", ["7.7"], "p-isms", None),
    ("ev-041", "MDM compliance report: disk encryption and OS updates", "2026-11-20", ["7.9", "8.1"], "p-itsupport", None),
    # GAP (stale).
    ("ev-042", "Certificates of destruction from the disposal vendor", "2025-08-19", ["7.14"], "p-itsupport", None),
    ("ev-043", "Review of privileged roles in AWS IAM Identity Center", "2026-09-15", ["8.2"], "p-seceng", None),
    ("ev-044", "Production database role grants export", "2026-09-15", ["8.3"], "p-platform", None),
    ("ev-045", "GitHub branch protection and CODEOWNERS settings", "2026-10-10", ["8.4"], "p-vpeng", None),
    ("ev-046", "Capacity dashboard monthly review notes", "2026-11-05", ["8.6"], "p-sre", None),
    ("ev-047", "EDR coverage report", "2026-11-18", ["8.7"], "p-seceng", None),
    ("ev-048", "Vulnerability remediation SLA report, Q3 2026", "2026-10-03", ["8.8"], "p-seceng", None),
    ("ev-049", "Policy-as-code check results in CI", "2026-09-28", ["8.9"], "p-platform", None),
    ("ev-050", "Backup restore test report: customer database", "2026-11-12", ["8.13"], "p-sre", None),
    # GAP (stale): superseded by ev-050.
    ("ev-051", "Backup restore test report, 2025", "2025-09-10", ["8.13"], "p-leaver", None),
    ("ev-052", "Multi-AZ architecture and failover test", "2026-05-26", ["8.14"], "p-sre", None),
    ("ev-053", "SIEM alert rules and monthly alert review", "2026-10-31", ["8.15", "8.16"], "p-seceng", None),
    # GAP (stale).
    ("ev-054", "Time synchronisation configuration", "2025-10-02", ["8.17"], "p-leaver", None),
    ("ev-055", "VPC and security group review", "2026-08-12", ["8.20", "8.22"], "p-platform", None),
    ("ev-056", "CDN and WAF configuration export", "2026-08-12", ["8.21"], "p-platform", None),
    ("ev-057", "External TLS configuration scan", "2026-10-22", ["8.24"], "p-seceng", None),
    ("ev-058", "Secure development checklist: pull request sample", "2026-09-25", ["8.25", "8.28"], "p-vpeng", None),
    ("ev-059", "Annual penetration test report", "2026-04-18", ["8.29"], "p-ciso", None),
    ("ev-060", "Change records sample, Q3 2026", "2026-10-15", ["8.31", "8.32"], "p-vpeng", None),
    ("ev-061", "Hardened machine image build logs", "2026-06-30", ["8.9", "8.19"], "p-platform", None),
    ("ev-062", "Security requirements section of the product requirements template", "2026-03-12", ["8.26"], "p-pm", None),
    ("ev-063", "Architecture review board minutes", "2026-08-20", ["8.27"], "p-platform", None),
    ("ev-064", "Phishing simulation results, Q3 2026", "2026-09-30", ["6.3"], "p-seceng", None),
    ("ev-065", "Customer data deletion job logs", "2026-10-18", ["8.10"], "p-data", None),
    ("ev-066", "Change freeze calendar 2026", "2026-01-10", ["nw-change-freeze"], "p-vpeng", None),
    ("ev-067", "Privileged utility allow-list review", "2026-09-15", ["8.18"], "p-seceng", None),
    ("ev-068", "Endpoint DLP pilot report", "2026-08-28", ["8.12"], "p-seceng", None),
]
gap("stale evidence as of 2026-11-29: ev-014 (90-day window), ev-022, ev-030, ev-038, ev-042, ev-051, ev-054")

EVIDENCE_EXT = {"ev-047": {"collector": {"source": "edr-api", "job": "weekly-coverage"}}}

evidence = []
for eid, title, on, ctl, by, valid in EVIDENCE:
    e = drop_none({"id": eid, "title": title, "collected_on": on, "valid_for_days": valid, "controls": ctl, "collected_by": by, "location": f"https://grc.northwind.example/evidence/{eid}"})
    if eid in EVIDENCE_EXT:
        e["extensions"] = EVIDENCE_EXT[eid]
    evidence.append(e)

# ---------------------------------------------------------------------------
# Statement of Applicability (6.1.3 d)
# ---------------------------------------------------------------------------

ANNEX_A = (
    [f"5.{i}" for i in range(1, 38)]
    + [f"6.{i}" for i in range(1, 9)]
    + [f"7.{i}" for i in range(1, 15)]
    + [f"8.{i}" for i in range(1, 35)]
)
assert len(ANNEX_A) == 93

OWNERS = {
    "5.1": "p-isms", "5.2": "p-isms", "5.3": "p-ciso", "5.4": "p-isms", "5.5": "p-ciso", "5.6": "p-ciso",
    "5.7": "p-seceng", "5.8": "p-isms", "5.9": "p-itmgr", "5.10": "p-itmgr", "5.11": "p-itmgr",
    "5.12": "p-isms", "5.13": "p-isms", "5.14": "p-isms", "5.15": "p-itmgr", "5.16": "p-itmgr",
    "5.17": "p-itmgr", "5.18": "p-itmgr", "5.19": "p-fin", "5.20": "p-fin", "5.21": "p-fin",
    "5.22": "p-fin", "5.23": "p-platform", "5.24": "p-ciso", "5.25": "p-seceng", "5.26": "p-ciso",
    "5.27": "p-ciso", "5.28": "p-seceng", "5.29": "p-sre", "5.30": "p-sre", "5.31": "p-compliance",
    "5.32": "p-dpo", "5.34": "p-dpo", "5.35": "p-isms", "5.36": "p-compliance",
    "5.37": "p-sre",
    "6.1": "p-hr", "6.2": "p-hr", "6.3": "p-isms", "6.4": "p-hr", "6.5": "p-hr", "6.6": "p-hr",
    "6.7": "p-itmgr", "6.8": "p-seceng",
    "7.1": "p-itmgr", "7.2": "p-itmgr", "7.3": "p-itmgr", "7.5": "p-itmgr", "7.7": "p-isms",
    "7.9": "p-itmgr", "7.14": "p-itmgr",
    "8.1": "p-itmgr", "8.2": "p-ciso", "8.3": "p-platform", "8.4": "p-vpeng", "8.5": "p-itmgr",
    "8.6": "p-sre", "8.7": "p-seceng", "8.8": "p-seceng", "8.9": "p-platform", "8.10": "p-dpo",
    "8.11": "p-vpeng", "8.12": "p-seceng", "8.13": "p-sre", "8.14": "p-sre", "8.15": "p-seceng",
    "8.16": "p-seceng", "8.18": "p-platform", "8.19": "p-leaver", "8.20": "p-platform",
    "8.21": "p-platform", "8.22": "p-platform", "8.23": "p-itmgr", "8.24": "p-ciso", "8.25": "p-vpeng",
    "8.26": "p-vpeng", "8.27": "p-platform", "8.28": "p-vpeng", "8.29": "p-qa", "8.31": "p-leaver",
    "8.32": "p-vpeng", "8.33": "p-qa", "8.34": "p-isms",
}
# GAP: applicable controls without an owner: 5.33, 7.8, 8.17 (absent from OWNERS).
gap("SoA entries without an owner: 5.33, 7.8, 8.17")

NOT_APPLICABLE = {
    # GAP: relied on by t-r-breakin.
    "7.4": "London HQ is a multi-tenant building whose perimeter monitoring is run by the landlord; no production systems are on our premises.",
    "7.6": "No secure areas: there are no server rooms or restricted zones on our premises; production runs in AWS.",
    "7.11": "No on-premises information processing facilities; utilities of the data centres are the cloud provider's (see 5.23).",
    "7.12": "No on-premises servers or structured cabling under our control; office connectivity is provided by the building.",
    "7.13": "No equipment is maintained in house: laptops are replaced under the vendor's warranty and there is no on-premises infrastructure.",
    "8.30": "All software development is done by employees; no development is outsourced (confirmed at the 2026 supplier review).",
    # GAP: excluded without a justification.
    "7.10": None,
}
gap("SoA 7.10 is excluded without a justification")

STATUS = {
    # partly in place
    **{c: "partially_implemented" for c in [
        "5.9", "5.12", "5.18", "5.19", "5.21", "5.22", "5.29", "5.34", "6.3", "6.5", "7.7", "7.14",
        "8.8", "8.9", "8.10", "8.16", "8.18", "8.22", "8.27",
    ]},
    # planned, with a target date
    **{c: "planned" for c in ["5.7", "5.13", "5.30", "5.35", "8.11", "8.12", "8.33"]},
    # nothing done yet
    **{c: "not_started" for c in ["5.28", "8.23", "8.34"]},
}
TARGETS = {
    "5.7": "2027-01-31", "5.13": "2027-02-15", "5.30": "2027-01-31", "5.35": "2027-02-22",
    "8.11": "2027-01-31", "8.12": "2027-02-15", "8.33": "2027-01-31", "5.28": "2027-01-15",
    "8.23": "2027-02-28", "8.34": "2027-02-15", "5.29": "2027-01-15", "5.9": "2026-12-31",
    "8.22": "2026-12-31", "8.16": "2026-12-31", "6.5": "2026-12-31",
}
LEGAL = {"5.5", "5.31", "5.33", "5.34", "6.1", "6.2", "8.10"}
CONTRACTUAL = {"5.14", "5.20", "5.23", "6.6", "8.13", "8.14", "8.24", "8.29"}
NOTES = {
    "5.23": "AWS, Google Workspace, Slack, Okta, Atlassian, Zendesk and Salesforce are in the cloud services register.",
    "8.13": "Cross-region, cross-account backups with object lock; restores tested quarterly since October 2026.",
    "8.19": "Only the deployment pipeline installs software on production hosts.",
}
SOA_EXT = {"8.13": {"jira": {"key": "ISMS-77"}}}

custom_ids = {c["id"] for c in controls}
ctl_risks = {}
for t in treatments:
    for ctl in t.get("controls", []):
        ctl_risks.setdefault(ctl, []).append(t["risk"])
ctl_evidence = {}
for e in evidence:
    for ctl in e.get("controls", []):
        ctl_evidence.setdefault(ctl, []).append(e["id"])
ctl_docs = {}
for d in documents:
    for ctl in d.get("controls", []):
        ctl_docs.setdefault(ctl, []).append(d["id"])

soa_entries = []
for ctl in ANNEX_A:
    if ctl in NOT_APPLICABLE:
        soa_entries.append(drop_none({"control": ctl, "applicable": False, "justification": NOT_APPLICABLE[ctl], "status": "not_started"}))
        continue
    reasons = []
    if ctl in ctl_risks:
        reasons.append("risk_treatment")
    if ctl in LEGAL:
        reasons.append("legal_regulatory")
    if ctl in CONTRACTUAL:
        reasons.append("contractual")
    if not reasons:
        reasons.append("business")
    e = drop_none({
        "control": ctl,
        "applicable": True,
        "reasons": reasons,
        "justification": NOTES.get(ctl),
        "status": STATUS.get(ctl, "implemented"),
        "owner": OWNERS.get(ctl),
        "target_date": TARGETS.get(ctl),
        "risks": ctl_risks.get(ctl, []),
        "evidence": ctl_evidence.get(ctl, []),
        "documents": ctl_docs.get(ctl, []),
    })
    if ctl in SOA_EXT:
        e["extensions"] = SOA_EXT[ctl]
    soa_entries.append(e)

soa = {"version": "1.3", "approved_by": "p-ciso", "approved_on": "2026-10-15", "entries": soa_entries}

# ---------------------------------------------------------------------------
# Objectives (6.2, 9.1)
# ---------------------------------------------------------------------------


def m(on, value, note=None):
    return drop_none({"on": on, "value": value, "note": note})


objectives = [
    {"id": "obj-awareness", "title": "Keep security awareness training current for at least 95% of staff", "owner": "p-isms",
     "metric": "% of in-scope staff with current awareness training", "target": 95.0, "due_on": "2026-12-31", "measure_every_days": 90,
     "measurements": [m("2026-03-31", 88.0), m("2026-06-30", 92.0), m("2026-09-30", 93.5, "Three overdue after the Q3 reminders")]},
    {"id": "obj-vulns", "title": "Remediate critical vulnerabilities within 14 days", "owner": "p-seceng",
     "metric": "% of critical vulnerabilities remediated within 14 days", "target": 95.0, "due_on": "2026-12-31", "measure_every_days": 30,
     "measurements": [m("2026-06-30", 78.0), m("2026-07-31", 82.0), m("2026-08-31", 85.0), m("2026-09-30", 91.0), m("2026-10-31", 89.0, "One critical in a legacy service took 21 days")]},
    {"id": "obj-phishing", "title": "Bring the phishing simulation click rate below 5%", "owner": "p-ciso",
     "metric": "% of recipients clicking in the quarterly simulation", "target": 5.0, "higher_is_better": False, "due_on": "2026-12-31", "measure_every_days": 90,
     "measurements": [m("2026-03-31", 12.4), m("2026-06-30", 8.1), m("2026-09-30", 6.2)]},
    {"id": "obj-controls", "title": "Implement 90% of applicable Annex A controls before Stage 2", "owner": "p-isms",
     "metric": "% of applicable controls implemented", "target": 90.0, "due_on": "2027-02-15", "measure_every_days": 30,
     "measurements": [m("2026-07-31", 61.0), m("2026-08-31", 64.0), m("2026-09-30", 66.0), m("2026-10-31", 66.3)]},
    # GAP: no measurement yet.
    {"id": "obj-containment", "title": "Contain priority-1 security incidents within 4 hours", "owner": "p-ciso",
     "metric": "Median hours from detection to containment of P1 incidents", "target": 4.0, "higher_is_better": False, "due_on": "2026-12-31", "measure_every_days": 90,
     "extensions": {"jira": {"key": "ISMS-150"}}},
]
gap("objective obj-containment has no measurement")

# ---------------------------------------------------------------------------
# Training (7.2, 7.3)
# ---------------------------------------------------------------------------

courses = [
    {"id": "course-awareness", "title": "Security awareness (annual)", "onboarding_days": 30, "recurrence_days": 365},
    {"id": "course-secure-coding", "title": "Secure coding for engineers", "audience_roles": ["role-engineers"], "onboarding_days": 60, "recurrence_days": 365},
    {"id": "course-phishing", "title": "Phishing simulation (quarterly)", "onboarding_days": 90, "recurrence_days": 92},
    {"id": "course-auditor", "title": "ISO/IEC 27001 internal auditor", "audience_roles": ["role-internal-auditors"]},
]

# Latest awareness completion per person (None: none recorded).
AWARENESS = {
    "p-ceo": "2026-02-10", "p-cto": "2026-02-11", "p-cfo": "2026-02-16", "p-cpo": "2026-03-02",
    "p-cro": "2025-10-02",  # GAP: overdue
    "p-ciso": "2026-01-20", "p-isms": "2026-01-20", "p-itmgr": "2026-02-03", "p-seceng": "2026-02-03",
    "p-itsupport": "2026-04-14", "p-dpo": "2026-02-09", "p-compliance": "2026-03-11", "p-fin": "2026-05-06",
    "p-vpeng": "2026-02-24", "p-platform": "2026-03-30", "p-sre": "2026-06-08", "p-backend": "2026-01-28",
    "p-frontend": "2026-07-01", "p-data": "2026-05-19", "p-qa": "2026-09-14", "p-pm": "2026-02-26",
    "p-sales": "2025-09-20",  # GAP: overdue
    "p-marketing": "2026-09-08", "p-support": "2026-03-17",
    "p-support2": "2025-11-01",  # GAP: overdue
    "p-hr": "2026-01-26", "p-hr2": "2026-05-20", "p-hwlab": "2026-06-22", "p-extaudit": "2026-01-12",
    "p-leaver": "2025-11-20",
    "p-new-support": None, "p-new-eng": None,  # within the 30-day onboarding window
}
gap("awareness training overdue (last completion > 365 days): p-cro, p-sales, p-support2")
SECURE_CODING = {
    "p-vpeng": "2026-03-04", "p-platform": "2026-03-04", "p-sre": "2026-03-04",
    "p-backend": "2025-08-11",  # GAP: overdue
    "p-frontend": "2026-03-05", "p-data": "2026-03-05", "p-qa": "2026-03-05", "p-seceng": "2026-02-10",
    "p-new-eng": None,
}
gap("secure coding overdue for p-backend (last 2025-08-11)")
# Phishing simulation campaigns: Q2 (2026-06-16) and Q3 (2026-09-22).
PHISH_MISSED_Q3 = {"p-cro", "p-sales", "p-marketing"}
gap("phishing simulation overdue (missed the Q3 campaign): p-cro, p-sales, p-marketing")
gap("new starters p-new-support (2026-11-02) and p-new-eng (2026-11-16) have no training yet (within onboarding windows)")

records = []
for pid, _name, _t, _u, _s, end, _ext in PEOPLE:
    on = AWARENESS.get(pid)
    if on:
        records.append({"person": pid, "course": "course-awareness", "completed_on": on, "score": 80 + (sum(map(ord, pid)) % 21)})
for pid, on in SECURE_CODING.items():
    if on:
        records.append({"person": pid, "course": "course-secure-coding", "completed_on": on})
for pid, _name, _t, _u, start, end, _ext in PEOPLE:
    if start > "2026-06-16":
        continue
    records.append({"person": pid, "course": "course-phishing", "completed_on": "2026-06-16"})
    if pid not in PHISH_MISSED_Q3 and (end is None or end >= "2026-09-22"):
        records.append({"person": pid, "course": "course-phishing", "completed_on": "2026-09-22"})
records.append({"person": "p-compliance", "course": "course-auditor", "completed_on": "2025-11-05", "score": 84})
records.append({"person": "p-extaudit", "course": "course-auditor", "completed_on": "2024-03-12", "score": 91})

training = {"courses": courses, "records": records}

# ---------------------------------------------------------------------------
# Management review (9.3)
# ---------------------------------------------------------------------------

management_reviews = [{
    "id": "mr-2026-03",
    "date": "2026-03-18",
    "status": "completed",
    "attendees": ["p-ceo", "p-cto", "p-cfo", "p-ciso", "p-isms", "p-dpo", "p-hr"],
    # GAP: interested_party_changes and interested_party_feedback not considered.
    "inputs": [
        "status_of_previous_actions",
        "external_internal_issue_changes",
        "nonconformities_and_corrective_actions",
        "monitoring_and_measurement_results",
        "audit_results",
        "objectives_fulfilment",
        "risk_assessment_and_treatment_results",
        "continual_improvement_opportunities",
    ],
    "decisions": [
        drop_none({"id": "dec-01", "description": "Fund EDR for all laptops and servers", "owner": "p-ciso", "due_on": "2026-06-30", "completed_on": "2026-06-12"}),
        drop_none({"id": "dec-02", "description": "Commission an external penetration test before Stage 1", "owner": "p-ciso", "due_on": "2026-05-31", "completed_on": "2026-04-18"}),
        drop_none({"id": "dec-03", "description": "Appoint a security champion for the Lisbon office", "owner": "p-isms", "due_on": "2026-04-30", "completed_on": "2026-04-22"}),
        # GAP: overdue.
        drop_none({"id": "dec-04", "description": "Finalise, approve and test the business continuity plan", "owner": "p-cto", "due_on": "2026-09-30"}),
        drop_none({"id": "dec-05", "description": "Hold the next management review before Stage 1", "owner": "p-ceo", "due_on": "2027-01-15"}),
    ],
    "minutes": "doc-mr-minutes",
}]
gap("mr-2026-03 did not consider interested_party_changes or interested_party_feedback (9.3.2 c, e)")
gap("management review decision dec-04 (BCP) overdue since 2026-09-30")

# ---------------------------------------------------------------------------
# Internal audits (9.2)
# ---------------------------------------------------------------------------

internal_audits = [
    {
        "id": "ia-2026-01",
        "title": "Internal audit 2026-01: clauses 4 to 7 and selected controls",
        "status": "completed",
        "planned_on": "2026-09-07",
        "start_on": "2026-09-07",
        "end_on": "2026-09-18",
        "auditors": ["p-compliance", "p-extaudit"],
        "scope": {
            "clauses": ["4", "5", "6", "7"],
            "controls": ["5.15", "5.18", "5.31", "5.36", "6.3", "6.5", "8.8", "8.13"],
            "units": ["u-eng", "u-hr", "u-itsec", "u-support"],
        },
        "findings": [
            {"id": "iaf-01", "grade": "minor", "description": "Four risks in the register were last assessed more than 12 months ago.", "clause": "6.1.2", "nonconformity": "nc-01"},
            {"id": "iaf-02", "grade": "minor", "description": "A leaver kept his control-owner role and SaaS access after his last day.", "control": "6.5", "nonconformity": "nc-02"},
            {"id": "iaf-03", "grade": "minor", "description": "Several documents are past their review date, among them the cryptography policy.", "clause": "7.5.3", "nonconformity": "nc-03"},
            {"id": "iaf-04", "grade": "minor", "description": "No restore of the customer database had been tested for 14 months.", "control": "8.13", "nonconformity": "nc-04"},
            {"id": "iaf-05", "grade": "minor", "description": "Awareness training overdue for 9% of sampled staff.", "clause": "7.3", "nonconformity": "nc-05"},
            {"id": "iaf-06", "grade": "observation", "description": "Policy compliance spot checks are not recorded consistently.", "control": "5.36"},
            {"id": "iaf-07", "grade": "opportunity", "description": "Extend automated dependency updates to the remaining legacy repositories.", "control": "8.8"},
        ],
        "report": "doc-ia-report",
        "extensions": {"jira": {"key": "ISMS-120"}},
    },
    {
        "id": "ia-2027-01",
        "title": "Internal audit 2027-01: clauses 8 to 10 and selected controls",
        "status": "planned",
        "planned_on": "2027-01-11",
        "auditors": ["p-extaudit"],
        "external_firm": "Reed Assurance Consulting",
        "scope": {
            "clauses": ["8", "9", "10"],
            "controls": ["5.19", "5.23", "5.24", "5.29", "7.7", "8.9", "8.15", "8.24", "8.25", "8.32"],
            "units": ["u-eng", "u-finance", "u-itsec", "u-product", "u-sales"],
        },
    },
]

# ---------------------------------------------------------------------------
# Certification (ISO/IEC 17021-1)
# ---------------------------------------------------------------------------

certification = {
    "body": "Certa Assurance Ltd",
    "target_date": "2027-03-31",
    "audits": [
        {"id": "ext-stage1", "kind": "stage1", "status": "planned", "start_on": "2027-01-18", "end_on": "2027-01-19", "lead_auditor": "Rachel Whitfield"},
        {"id": "ext-stage2", "kind": "stage2", "status": "planned", "start_on": "2027-02-22", "end_on": "2027-02-25", "lead_auditor": "Rachel Whitfield"},
    ],
    "validity_years": 3,
    "extensions": {"certa": {"quote_ref": "Q-2026-0918"}},
}

# ---------------------------------------------------------------------------
# Nonconformities (10.2)
# ---------------------------------------------------------------------------


def h(action, frm, to, on, by, note=None):
    return drop_none({"action": action, "from": frm, "to": to, "on": on, "by": by, "note": note})


nonconformities = [
    drop_none({
        "id": "nc-01", "title": "Risks not reassessed within 12 months",
        "description": "Four risks (r-region, r-contract, r-mobile, r-disposal) were last assessed more than 12 months before the audit, against the 12-month review set in the methodology.",
        "source": "internal_audit", "grade": "minor", "raised_on": "2026-09-18", "raised_by": "p-extaudit", "audit": "ia-2026-01",
        "clauses": ["6.1.2", "8.2"], "risks": ["r-region", "r-contract", "r-mobile", "r-disposal"], "owner": "p-isms",
        "state": "raised",
    }),
    drop_none({
        "id": "nc-02", "title": "Leaver kept ISMS role and access",
        "description": "Adam Novak left on 2026-08-14; on 2026-09-15 he still held the control-owner role and active Slack and GitHub accounts.",
        "source": "internal_audit", "grade": "minor", "raised_on": "2026-09-18", "raised_by": "p-compliance", "audit": "ia-2026-01",
        "controls": ["5.18", "6.5"], "risks": ["r-offboarding"], "owner": "p-hr",
        "state": "corrected",
        "correction": {"description": "Accounts disabled in Okta, Slack and GitHub; device confirmed returned.", "on": "2026-09-19"},
        "history": [h("correct", "raised", "corrected", "2026-09-19", "p-itmgr", "Access removed; role reassignment pending")],
    }),
    {
        "id": "nc-03", "title": "Documents past their review date",
        "description": "The cryptography policy and two standards were past the 12-month review required by document control.",
        "source": "internal_audit", "grade": "minor", "raised_on": "2026-09-18", "raised_by": "p-extaudit", "audit": "ia-2026-01",
        "clauses": ["7.5.3"], "controls": ["8.24"], "owner": "p-isms",
        "state": "action_planned",
        "correction": {"description": "Owners notified; reviews scheduled.", "on": "2026-09-25"},
        "root_cause": {"description": "Review reminders relied on one person's calendar; no owner-level tracking.", "method": "5 whys", "on": "2026-10-06", "similar_elsewhere": "Evidence refresh depends on the same reminders."},
        "actions": [
            {"id": "ca-03-1", "description": "Automated review reminders to document owners in the wiki", "owner": "p-isms", "due_on": "2026-11-15"},
            {"id": "ca-03-2", "description": "Review and re-approve the cryptography policy", "owner": "p-ciso", "due_on": "2026-12-15"},
        ],
        "history": [
            h("correct", "raised", "corrected", "2026-09-25", "p-isms"),
            h("analyse_root_cause", "corrected", "root_cause_analysed", "2026-10-06", "p-isms"),
            h("plan_actions", "root_cause_analysed", "action_planned", "2026-10-09", "p-isms"),
        ],
        "extensions": {"jira": {"key": "ISMS-142", "url": "https://northwind.atlassian.example/browse/ISMS-142"}},
    },
    {
        "id": "nc-04", "title": "Backup restores not tested",
        "description": "No restore of the customer database had been tested since July 2025, although the backup policy requires one every quarter.",
        "source": "internal_audit", "grade": "minor", "raised_on": "2026-09-18", "raised_by": "p-extaudit", "audit": "ia-2026-01",
        "controls": ["8.13"], "risks": ["r-backupfail"], "owner": "p-sre",
        "state": "closed",
        "correction": {"description": "Restore of the customer database into an isolated account, verified by row counts and checksums.", "on": "2026-09-22"},
        "root_cause": {"description": "Restore tests were manual and owned by an engineer who left; no schedule or alert.", "method": "5 whys", "on": "2026-09-29", "similar_elsewhere": "Checked other periodic SRE tasks; time sync checks had the same dependency."},
        "actions": [
            {"id": "ca-04-1", "description": "Automated quarterly restore tests with reports to the SRE channel", "owner": "p-sre", "due_on": "2026-10-31", "completed_on": "2026-10-20"},
            {"id": "ca-04-2", "description": "Restore test added to the ISMS operations calendar with an alert when missed", "owner": "p-isms", "due_on": "2026-10-31", "completed_on": "2026-10-24"},
        ],
        "verification": {"by": "p-ciso", "on": "2026-11-20", "effective": True, "evidence": ["ev-050"], "note": "The November automated test ran and reported on time."},
        "history": [
            h("correct", "raised", "corrected", "2026-09-22", "p-sre"),
            h("analyse_root_cause", "corrected", "root_cause_analysed", "2026-09-29", "p-sre"),
            h("plan_actions", "root_cause_analysed", "action_planned", "2026-10-01", "p-sre"),
            h("implement", "action_planned", "implemented", "2026-10-24", "p-sre"),
            h("verify", "implemented", "verified", "2026-11-20", "p-ciso"),
            h("close", "verified", "closed", "2026-11-23", "p-isms"),
        ],
    },
    {
        "id": "nc-05", "title": "Awareness training overdue",
        "description": "In a sample of 33 staff, three had no awareness training completed in the last 12 months.",
        "source": "internal_audit", "grade": "minor", "raised_on": "2026-09-18", "raised_by": "p-compliance", "audit": "ia-2026-01",
        "clauses": ["7.2", "7.3"], "controls": ["6.3"], "owner": "p-isms",
        "state": "implemented",
        "correction": {"description": "Reminders sent to the staff concerned and their managers.", "on": "2026-09-25"},
        "root_cause": {"description": "The LMS sent one reminder only; managers had no view of overdue staff.", "method": "Fishbone", "on": "2026-10-02"},
        "actions": [
            {"id": "ca-05-1", "description": "LMS reminders 14 and 3 days before the due date", "owner": "p-isms", "due_on": "2026-10-31", "completed_on": "2026-10-28"},
            {"id": "ca-05-2", "description": "Monthly overdue-training report to line managers", "owner": "p-hr", "due_on": "2026-11-15", "completed_on": "2026-11-10"},
        ],
        "history": [
            h("correct", "raised", "corrected", "2026-09-25", "p-isms"),
            h("analyse_root_cause", "corrected", "root_cause_analysed", "2026-10-02", "p-isms"),
            h("plan_actions", "root_cause_analysed", "action_planned", "2026-10-05", "p-isms"),
            h("implement", "action_planned", "implemented", "2026-11-10", "p-isms"),
        ],
    },
]
gap("nc-01 raised 2026-09-18 and still in state raised (no correction)")
gap("nc-03 corrective action ca-03-1 overdue (due 2026-11-15, not completed)")

# ---------------------------------------------------------------------------
# Assemble
# ---------------------------------------------------------------------------

document_ = {
    "schema_version": "1.0",
    "organization": organization,
    "context": context,
    "scope": scope,
    "settings": settings,
    "people": people,
    "roles": roles,
    "classification_scheme": classification_scheme,
    "assets": assets,
    "risk_methodology": risk_methodology,
    "risks": risks,
    "treatments": treatments,
    "controls": controls,
    "soa": soa,
    "documents": documents,
    "evidence": evidence,
    "objectives": objectives,
    "training": training,
    "management_reviews": management_reviews,
    "internal_audits": internal_audits,
    "certification": certification,
    "nonconformities": nonconformities,
    "extensions": {"northwind": {"exported_from": "Northwind GRC workspace", "as_of": AS_OF}},
}


def main(argv):
    if "--gaps" in argv:
        for g in GAPS:
            print(f"- {g}")
        return 0
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "examples" / "northwind-saas.json"
    out.write_text(json.dumps(document_, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
