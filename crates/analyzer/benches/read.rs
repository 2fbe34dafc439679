//! Throughput on generated clusters of 10 to 10,000 nodes, as a table, as an `-o yaml` stream and as a table with
//! empty nodes mixed in (`table-empty`): reading alone
//! (`read/…`) and the whole analysis with rules and report (`analyze/…`). Criterion prints MB/s; both should be
//! linear in input size (equal throughput across sizes).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use talos_ext_analyzer::{analyze, read, Input, Options};

#[path = "support/cluster_gen.rs"]
mod cluster_gen;

fn reading(c: &mut Criterion) {
    for stage in ["read", "analyze"] {
        stage_group(c, stage);
    }
}

fn stage_group(c: &mut Criterion, stage: &str) {
    let mut group = c.benchmark_group(stage);
    group.sample_size(10);
    for nodes in [10usize, 100, 1_000, 10_000] {
        for (format, text) in [
            ("table", cluster_gen::table(nodes)),
            ("yaml", cluster_gen::yaml(nodes)),
            ("table-empty", cluster_gen::table_with_empty(nodes)),
        ] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(format, nodes), &text, |b, text| {
                let inputs = [Input::text("bench", text.as_str())];
                if stage == "read" {
                    b.iter(|| read::read_all(&inputs).observations.extensions.len())
                } else {
                    b.iter(|| analyze(&inputs, &Options::default()).findings.len())
                }
            });
        }
    }
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
