package org.udre.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the named benchmark, or every one; each prints a table. */
public final class Bench {

    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("jobs", JobThroughput::main);
        BENCHMARKS.put("cluster", ClusterScale::main);
        BENCHMARKS.put("tsi", TsiBench::main);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("bench/run [" + String.join("|", BENCHMARKS.keySet()) + "] [options of that benchmark]");
            return;
        }
        if (args.length > 0 && BENCHMARKS.containsKey(args[0])) {
            BENCHMARKS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        } else {
            for (Benchmark benchmark : BENCHMARKS.values()) {
                benchmark.run(args);
            }
        }
        System.exit(0);
    }
}
