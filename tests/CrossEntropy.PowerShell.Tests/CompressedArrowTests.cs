using System;
using System.IO;
using System.Management.Automation;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Xunit;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>
    /// Arrow IPC files whose body buffers are compressed (LZ4 frames: pyarrow's write_feather default; ZSTD) read as the
    /// same file uncompressed. The compressed copies are written here from a committed sample (apache-arrow's writer),
    /// and a reader without codecs must fail on them, so the test knows they are compressed.
    /// </summary>
    public class CompressedArrowTests : IClassFixture<SessionFixture>
    {
        private readonly Hosting.ModuleSession _s;

        public CompressedArrowTests(SessionFixture f) => _s = f.Session;

        [Theory]
        [InlineData(CompressionCodecType.Lz4Frame, 1)]
        [InlineData(CompressionCodecType.Lz4Frame, 2)]
        [InlineData(CompressionCodecType.Zstd, 2)]
        public void CompressedBuffersReadAsTheUncompressedFile(CompressionCodecType codec, int threads)
        {
            string source = Repo.InRepo("tests", "data", "formats", "arrow", "list-f32.arrow");
            string path = Path.Combine(Repo.TempDir(), "compressed.feather");
            using (FileStream input = File.OpenRead(source))
            using (var reader = new ArrowFileReader(input))
            {
                RecordBatch? batch = reader.ReadNextRecordBatch();
                using FileStream output = File.Create(path);
                var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new CompressionCodecFactory() };
                using var writer = new ArrowFileWriter(output, reader.Schema, leaveOpen: false, options);
                for (; batch != null; batch = reader.ReadNextRecordBatch()) writer.WriteRecordBatch(batch);
                writer.WriteEnd();
            }
            using (FileStream check = File.OpenRead(path))
            using (var plainReader = new ArrowFileReader(check))
                Assert.ThrowsAny<Exception>(() => plainReader.ReadNextRecordBatch());

            const string Measure = "param($p, $t) Measure-CrossEntropy -Path $p -ThrottleLimit $t";
            PSObject plain = Assert.Single(_s.Invoke(Measure, source, threads));
            PSObject packed = Assert.Single(_s.Invoke(Measure, path, threads));
            Assert.Empty(_s.Errors);
            Assert.True(plain.Prop<long>("Used") > 0);
            Assert.Equal(plain.Prop<long>("Count"), packed.Prop<long>("Count"));
            Assert.Equal(plain.Prop<long>("Used"), packed.Prop<long>("Used"));
            Assert.Equal(plain.D("Loss"), packed.D("Loss"));
        }
    }
}
