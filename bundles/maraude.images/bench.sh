#!/bin/sh
# Runs the thumbnail benchmark on the compiled bundles (no product build) with a 256 MiB heap.
#   bundles/maraude.images/bench.sh [count [folder [generate]]]
# Build first from the repository root:
#   ./mvnw -B -o -q verify -pl bundles/maraude.images.tests -am -DskipTests
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp="$here/target/classes:$here/../maraude.images.tests/target/classes:$here/../maraude.core/target/classes"
cp="$cp:$repo/org/eclipse/platform/org.eclipse.osgi/3.22.0/org.eclipse.osgi-3.22.0.jar"
exec java -Xmx256m $BENCH_JVM_OPTS -Djava.awt.headless=true -cp "$cp" maraude.images.ThumbnailBenchmark "$@"
