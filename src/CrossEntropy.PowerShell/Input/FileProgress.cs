using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace CrossEntropy.Input
{
    /// <summary>Write-Progress for one file: only after a second of work, at most four times a second.</summary>
    internal sealed class FileProgress
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly long _length;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastShown = -1;
        private bool _shown;

        public FileProgress(Cmdlet cmdlet, string path, long length)
        {
            _cmdlet = cmdlet;
            _length = length;
            _record = new ProgressRecord(0x43452, "Reading " + System.IO.Path.GetFileName(path), "Starting");
        }

        /// <summary>Bytes and rows read so far.</summary>
        public void Update(long bytes, long rows)
        {
            long ms = _clock.ElapsedMilliseconds;
            if (ms < 1000 || ms - _lastShown < 250) return;
            _lastShown = ms;
            _shown = true;
            int percent = _length > 0 ? (int)Math.Min(100, 100 * bytes / _length) : -1;
            _record.PercentComplete = percent;
            _record.StatusDescription = string.Format(CultureInfo.InvariantCulture,
                "{0:N0} rows, {1:N1} of {2:N1} MB, {3:N0} rows/s", rows, bytes / 1048576.0, _length / 1048576.0, rows * 1000.0 / ms);
            _cmdlet.WriteProgress(_record);
        }

        /// <summary>Closes the bar, if it was shown.</summary>
        public void Complete()
        {
            if (!_shown) return;
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
        }
    }
}
