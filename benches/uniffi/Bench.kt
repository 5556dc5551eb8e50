// Kotlin side of benches/uniffi/bench.sh: `evaluate` through the UniFFI bindings.
// Usage: BenchKt DOC.json AS_OF RUNS. Prints `evaluate <median ms> <min ms>` (the call and its
// summary record), `evaluate_findings` (the call and every finding lifted into Kotlin records)
// and `call_json` (JSON text), each the median of RUNS after warm-up calls (the JIT compiles
// the lifting code during the warm-up). `use` frees each native result at once, as Python's
// reference counting does, instead of leaving it to the JVM's cleaner thread.
import java.io.File
import uniffi.isms_uniffi.*

fun stats(runs: Int, f: () -> Int): Pair<Double, Double> {
    var sink = 0
    repeat(10) { sink += f() }
    val ms = (1..runs).map {
        val t = System.nanoTime()
        sink += f()
        (System.nanoTime() - t) / 1e6
    }.sorted()
    if (sink == 42) println()
    return Pair(ms[ms.size / 2], ms[0])
}

fun main(args: Array<String>) {
    val isms = Isms(File(args[0]).readText())
    val asOf = args[1]
    val runs = args[2].toInt()
    val request = """{"as_of": "$asOf"}"""
    val (m1, n1) = stats(runs) { isms.evaluate(asOf).use { it.summary().total.toInt() } }
    println("evaluate %.3f %.3f".format(m1, n1))
    val (m3, n3) = stats(runs) { isms.evaluate(asOf).use { it.findings().size } }
    println("evaluate_findings %.3f %.3f".format(m3, n3))
    val (m2, n2) = stats(runs) { isms.call("evaluate", request).length }
    println("call_json %.3f %.3f".format(m2, n2))
}
