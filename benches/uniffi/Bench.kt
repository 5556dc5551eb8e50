// Kotlin side of benches/uniffi/bench.sh: `evaluate` through the UniFFI bindings, paired call
// by call with the same operation timed natively inside the library (`benchNativeMs`), so that
// both sides of each pair see the same load on a shared machine.
// Usage: BenchKt DOC.json AS_OF RUNS. Prints, per measurement, `<what> <native median ms>
// <Kotlin median ms> <median of the paired overheads, %>` after warm-up calls (the JIT compiles
// the lifting code then). `use` frees each native result at once, as Python's reference
// counting does, instead of leaving it to the JVM's cleaner thread.
import java.io.File
import uniffi.isms_uniffi.*

fun median(xs: List<Double>): Double = xs.sorted()[xs.size / 2]

fun paired(what: String, runs: Int, native: () -> Double, binding: () -> Int) {
    var sink = 0
    repeat(10) { native(); sink += binding() }
    val n = ArrayList<Double>(); val b = ArrayList<Double>(); val over = ArrayList<Double>()
    for (i in 0 until runs) {
        // Alternate which side goes first.
        val nt: Double; val bt: Double
        if (i % 2 == 0) {
            nt = native()
            val t = System.nanoTime(); sink += binding(); bt = (System.nanoTime() - t) / 1e6
        } else {
            val t = System.nanoTime(); sink += binding(); bt = (System.nanoTime() - t) / 1e6
            nt = native()
        }
        n.add(nt); b.add(bt); over.add(100.0 * (bt - nt) / nt)
    }
    if (sink == 42) println()
    println("%s %.3f %.3f %.1f".format(what, median(n), median(b), median(over)))
}

fun main(args: Array<String>) {
    val isms = Isms(File(args[0]).readText())
    val asOf = args[1]
    val runs = args[2].toInt()
    val request = """{"as_of": "$asOf"}"""
    val native = { isms.benchNativeMs("evaluate", request, false) }
    paired("evaluate", runs, native) { isms.evaluate(asOf).use { it.summary().total.toInt() } }
    paired("evaluate_findings", runs, native) { isms.evaluate(asOf).use { it.findings().size } }
    paired("call_json", runs, { isms.benchNativeMs("evaluate", request, true) }) { isms.call("evaluate", request).length }
}
