// The Kotlin example that scripts/test-uniffi compiles and runs against libisms_uniffi
// (bindings/uniffi/README.md shows it). Arguments: the repository root. It prints what it
// finds, asserts with check(), and exits non-zero on the first failure.
import java.io.File
import uniffi.isms_uniffi.*

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." })
    val asOf = "2026-03-31"

    // Load once: parsing and validation happen here, every method then computes.
    val isms = Isms(File(root, "examples/northwind-saas.json").readText())
    println("isms ${version()}: ${operations().size} operations, error codes ${errorCodes()}")

    // Findings and readiness: the evaluation stays in Rust, its parts are read as typed records.
    // (Native results are AutoCloseable: `isms.evaluate(d).use { ... }` frees one at once.)
    val eval = isms.evaluate(asOf)
    val s = eval.summary()
    val readiness = eval.readiness()
    println("evaluate $asOf: ${s.total} findings (${s.blocker} blocker, ${s.major} major, ${s.minor} minor, ${s.info} info)")
    println("  readiness ${readiness.overall}/100; stage 1 ready: ${readiness.stage1.ready} " +
        "(${readiness.stage1.blockers.size} blockers); stage 2 ready: ${readiness.stage2.ready}")
    for (f in eval.findingsPage(0u, 3u)) {
        println("  [${f.severity}] ${f.rule} ${f.clause ?: f.control ?: ""}: ${f.message}")
    }
    val findings = eval.findings()
    check(s.total.toInt() == findings.size) { "summary counts every finding" }
    check(findings.first().severity == Severity.BLOCKER) { "most severe first" }
    check(readiness.clauses.map { it.key } == listOf("4", "5", "6", "7", "8", "9", "10")) { "clauses 4-10" }
    check(eval.json() == isms.call("evaluate", """{"as_of": "$asOf"}""")) { "the held result renders as the operation's JSON" }
    check(eval.record().findings == findings)

    // The CI gate.
    val verdict = isms.verdict(asOf, Severity.MAJOR)
    println("verdict at major: fails=${verdict.fails}, worst=${verdict.worst}, ${verdict.failingFindings}/${verdict.totalFindings}")
    check(verdict.fails && verdict.worst == Severity.BLOCKER)

    // Register rows, SoA rows, calendar items.
    val register = isms.riskRegister(asOf)
    val top = register.rows.minByOrNull { it.rank ?: Int.MAX_VALUE.toUInt() }!!
    println("risk register: ${register.rows.size} risks; rank 1: ${top.id} ${top.title} (${top.residual?.label ?: top.inherent?.label})")
    check(register.rows.isNotEmpty())
    val soa = isms.soa(asOf)
    println("SoA: ${soa.rows.size} controls, ${soa.applicable} applicable, ${soa.excluded} excluded, ${soa.issues.size} issues")
    check(soa.rows.size == 93)
    val calendar = isms.calendar(asOf, "2026-06-30")
    println("calendar to ${calendar.to}: ${calendar.items.size} items")
    for (i in calendar.items.take(3)) println("  ${i.date} ${i.kind} ${i.status}: ${i.title}")
    // Overdue items from before `from` stay on the calendar until done.
    check(calendar.items.all { it.date <= "2026-06-30" || it.status == "done" })

    // Simulation summary (seeded: the same numbers on every platform).
    val sim = isms.simulate(null, 2000uL, 7uL)
    println("simulate: ${sim.risks.size} quantified risks; portfolio mean annual loss %.0f, p95 %.0f"
        .format(sim.portfolio!!.mean, sim.portfolio!!.p95))
    check(sim.risks.all { it.inherent.trials == 2000uL })
    check(isms.simulate(null, 2000uL, 7uL) == sim) { "deterministic" }

    // Everything else: the generic call, JSON or any format of the operation.
    val control = call("catalog_control", """{"id": "5.15", "format": "text"}""")
    println("catalog_control 5.15 (text): ${control.lines().first()}")
    val plan = isms.call("treatment_plan", """{"as_of": "$asOf"}""")
    check(plan.startsWith("{") && plan.endsWith("}\n"))

    // Errors: one flat sealed class, the core's code, reason, path and report.
    try {
        isms.evaluate("31/03/2026"); error("expected InvalidArgument")
    } catch (e: IsmsException.InvalidArgument) {
        println("bad date -> ${e.code} at ${e.path}: ${e.reason}")
        check(e.code == "invalid_argument" && e.path == "\$.as_of")
    }
    try {
        call("no_such_operation", "{}"); error("expected NotFound")
    } catch (e: IsmsException.NotFound) {
        println("unknown operation -> ${e.code}: ${e.reason}")
        check(e.reportJson.contains("\"code\": \"not_found\""))
    }
    try {
        Isms("""{"schema_version": 1}"""); error("expected an error")
    } catch (e: IsmsException) {
        val code = when (e) {
            is IsmsException.ParseException -> e.code
            is IsmsException.InvalidDocument -> e.code
            is IsmsException.InvalidArgument -> e.code
            is IsmsException.TransitionNotAllowed -> e.code
            is IsmsException.NotFound -> e.code
            is IsmsException.LimitExceeded -> e.code
        }
        println("incomplete document -> $code")
        check(code in errorCodes())
    }
    val dangling = File(root, "examples/northwind-saas.json").readText()
        .replaceFirst("\"owner\": \"", "\"owner\": \"nobody-")
    try {
        Isms(dangling); error("expected InvalidDocument")
    } catch (e: IsmsException.InvalidDocument) {
        println("dangling owner -> ${e.code}: ${e.problems.size} problem(s), first ${e.problems.first().code} at ${e.problems.first().path}")
        check(e.problems.isNotEmpty())
    }
    check(validateDocument(dangling).isNotEmpty())

    // The conformance vectors that need no parsing beyond case.json, through the handle.
    var ran = 0
    File(root, "tests/vectors").listFiles()!!.filter { it.isDirectory }.sorted().forEach { case ->
        val meta = File(case, "case.json").readText()
        val op = Regex("\"operation\"\\s*:\\s*\"([^\"]+)\"").find(meta)!!.groupValues[1]
        val docPath = Regex("\"document\"\\s*:\\s*\"([^\"]+)\"").find(meta)?.groupValues?.get(1)
        val doc = docPath?.let { File(root, it).readText() }
            ?: File(case, "document.json").takeIf { it.exists() }?.readText()
        val request = File(case, "request.json").takeIf { it.exists() }?.readText() ?: "{}"
        val want = (File(case, "error.json").takeIf { it.exists() }
            ?: case.listFiles()!!.single { it.name.startsWith("expected.") }).readBytes()
        val got = try {
            if (doc == null) call(op, request) else Isms(doc).call(op, request)
        } catch (e: IsmsException) {
            when (e) {
                is IsmsException.ParseException -> e.reportJson
                is IsmsException.InvalidDocument -> e.reportJson
                is IsmsException.InvalidArgument -> e.reportJson
                is IsmsException.TransitionNotAllowed -> e.reportJson
                is IsmsException.NotFound -> e.reportJson
                is IsmsException.LimitExceeded -> e.reportJson
            }
        }
        check(got.toByteArray(Charsets.UTF_8).contentEquals(want)) { "vector ${case.name}: output differs" }
        ran++
    }
    println("conformance vectors through Kotlin: $ran/$ran byte-identical")
    println("kotlin OK")
}
