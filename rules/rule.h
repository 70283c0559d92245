/*
 * rule.h: what every rule file includes.
 *
 * A rule is one file, rules/hybNNN.c, holding one constant descriptor
 * (struct lint_rule, linter/lint.h) and one static check function.  The
 * core runs it through that contract and never names it; rules ask the
 * graph and the flows through rules/query.h and the records through
 * linter/model.h.
 *
 * How to add a rule
 * -----------------
 * 1. Pick the next free id in its family (HYB0xx attribution and EXO
 *    inbound, HYB03x certificates, HYB04x-06x hybrid connectors, HYB07x
 *    journaling, HYB9xx input).  Ids are stable forever: baselines,
 *    waivers and SARIF results refer to them.
 * 2. Write rules/hybNNN.c with `const struct lint_rule rule_hybNNN` and
 *    one static check function.  The descriptor is data: id, kebab-case
 *    name, default severity (critical and high impact are errors, medium
 *    warnings, low and informational notes), a one-line summary without
 *    a final full stop, the documentation (What happens, Why Exchange
 *    does it, How to confirm, How to fix, and Source: the Microsoft
 *    documentation, KB or Exchange Team blog post it rests on, by title
 *    and number or address, saying so where it rests on an inference),
 *    tags, and its options (name, type, default, range, one line of doc),
 *    which the configuration file sets and `explain` lists.
 * 3. Register it: add rules/hybNNN.c to RULE_SOURCES in Makefile.am, in
 *    id order.  That list is the registry: the build generates
 *    rules/rules.def from it, and rules/registry.c makes the table.
 * 4. Add tests/rules/HYBNNN/fire/ and tests/rules/HYBNNN/silent/: small
 *    topologies on which the rule must fire (with an `expect` file naming
 *    the severity and the message) and must stay silent.
 * `make check` fails, naming what is missing, for a rule file that is not
 * registered (tests/registry.test), and for a registered rule without
 * documentation that cites its source, or without both fixtures
 * (tests/check_rules).
 *
 * A check function reads the model, the topology and the simulated flows
 * through the context, and reports findings with rule_report().  It never
 * prints, never frees what it did not allocate, and never re-derives
 * attribution: flows already say which tenant a connection lands in.
 * Every value from an input that goes into a fix line goes through
 * ps_quote() (a PowerShell literal), never into the command text itself.
 */
#ifndef HL_RULE_H
#define HL_RULE_H

#include "findings.h"
#include "lint.h"
#include "query.h"

#endif
