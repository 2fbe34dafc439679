//! Reading throughput on generated clusters of 1 to 10,000 nodes, as a table and as an `-o yaml` stream. Criterion
//! prints MB/s; reading should be linear in input size (equal throughput across sizes).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use talos_ext_analyzer::{analyze, Input, Options};

#[path = "support/cluster_gen.rs"]
mod cluster_gen;

fn reading(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    for nodes in [1usize, 100, 1_000, 10_000] {
        for (format, text) in [
            ("table", cluster_gen::table(nodes)),
            ("yaml", cluster_gen::yaml(nodes)),
        ] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(format, nodes), &text, |b, text| {
                b.iter(|| analyze(&[Input::text("bench", text.as_str())], &Options::default()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
