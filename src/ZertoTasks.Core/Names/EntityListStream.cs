using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using ZertoTasks.Json;

namespace ZertoTasks.Names
{
    /// <summary>
    /// Reads the entities of a look-up's list as the answer arrives, one entity in memory at a
    /// time: each is parsed by <see cref="EntityNameReader"/> once its end is in
    /// (<see cref="ElementEndScanner"/>).
    /// </summary>
    /// <remarks>
    /// /v1/vpgs of a large site is megabytes. Read whole, fifty ZVMs read at once held fifty such
    /// bodies on the large-object heap, copied each as it grew, and set off full collections -
    /// for the two fields wanted of each entity. Streamed, a look-up holds one 64 KB buffer.
    /// </remarks>
    internal sealed class EntityListStream
    {
        private const int InitialBufferSize = 64 * 1024;

        private readonly Stream _body;
        private readonly string _identifierProperty;
        private readonly string _nameProperty;
        private readonly int _maxEntityBytes;
        private readonly EntityNames _names = new EntityNames();
        private readonly string? _extraProperty;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _scanned;
        private long _bufferOffset;
        private bool _endOfBody;
        private Place _place = Place.BeforeList;
        private ElementEndScanner _scanner;

        private EntityListStream(Stream body, string identifierProperty, string nameProperty, int maxEntityBytes, string? extraProperty)
        {
            _extraProperty = extraProperty;
            _body = body;
            _identifierProperty = identifierProperty;
            _nameProperty = nameProperty;
            _maxEntityBytes = maxEntityBytes;
            _buffer = new byte[Math.Min(InitialBufferSize, maxEntityBytes)];
        }

        private enum Place
        {
            BeforeList,
            BeforeFirstEntity,
            BeforeEntity,
            InEntity,
            AfterEntity,
            AfterList,
        }

        /// <summary>The identifiers and names of the list <paramref name="body"/> holds, read to its end.</summary>
        /// <exception cref="EntityListException">the body is not such a list, or breaks off</exception>
        /// <param name="extraProperty">a further string field to keep of each entity, in <see cref="EntityNames.Extra"/></param>
        public static async Task<EntityNames> ReadAsync(Stream body, string identifierProperty, string nameProperty, int maxEntityBytes, string? extraProperty = null)
        {
            var list = new EntityListStream(body, identifierProperty, nameProperty, maxEntityBytes, extraProperty);
            while (!list.ReadBuffered())
            {
                await list.FillAsync().ConfigureAwait(false);
            }

            return list._names;
        }

        // Reads all that the buffer holds; true once the list and the body have ended.
        private bool ReadBuffered()
        {
            while (true)
            {
                if (_place == Place.InEntity)
                {
                    int length = _scanner.Scan(new ReadOnlySpan<byte>(_buffer, _scanned, _end - _scanned));
                    if (length < 0)
                    {
                        _scanned = _end;
                        return _endOfBody ? throw new EntityListException(EntityListFlaw.BreaksOff, "the answer ended inside an entity") : false;
                    }

                    int entityEnd = _scanned + length;
                    ReadEntity(new ReadOnlySpan<byte>(_buffer, _start, entityEnd - _start));
                    _start = entityEnd;
                    _place = Place.AfterEntity;
                    continue;
                }

                while (_start < _end && TaskListBuffer.IsWhiteSpace(_buffer[_start]))
                {
                    _start++;
                }

                if (_start == _end)
                {
                    if (!_endOfBody)
                    {
                        return false;
                    }

                    return _place == Place.AfterList
                        ? true
                        : throw new EntityListException(_place == Place.BeforeList ? EntityListFlaw.Empty : EntityListFlaw.BreaksOff, "the answer ended early");
                }

                byte next = _buffer[_start];
                switch (_place)
                {
                    case Place.BeforeList:
                        _place = next == (byte)'[' ? Place.BeforeFirstEntity
                            : throw new EntityListException(next == (byte)'{' ? EntityListFlaw.OtherShape : EntityListFlaw.NotJson, $"expected a list but found '{(char)next}'");
                        _start++;
                        break;
                    case Place.BeforeFirstEntity when next == (byte)']':
                        _place = Place.AfterList;
                        _start++;
                        break;
                    case Place.BeforeFirstEntity:
                    case Place.BeforeEntity:
                        if (next != (byte)'{')
                        {
                            throw new EntityListException(EntityListFlaw.OtherShape, $"expected an object but found '{(char)next}'");
                        }

                        _place = Place.InEntity;
                        _scanner = default;
                        _scanned = _start;
                        break;
                    case Place.AfterEntity:
                        _place = next == (byte)',' ? Place.BeforeEntity
                            : next == (byte)']' ? Place.AfterList
                            : throw new EntityListException(EntityListFlaw.NotJson, $"expected ',' or ']' after an entity but found '{(char)next}'");
                        _start++;
                        break;
                    default:
                        throw new EntityListException(EntityListFlaw.NotJson, $"expected the end of the answer but found '{(char)next}'");
                }
            }
        }

        private void ReadEntity(ReadOnlySpan<byte> entity)
        {
            try
            {
                var reader = new Utf8JsonReader(entity);
                reader.Read();
                EntityNameReader.ReadEntity(ref reader, _names, _identifierProperty, _nameProperty, _extraProperty);
            }
            catch (JsonException e) when (e.LineNumber == null)
            {
                // The shape checks' own errors carry no position.
                throw new EntityListException(EntityListFlaw.OtherShape, e.Message, e);
            }
            catch (JsonException e)
            {
                // The reader counts from the start of the entity.
                throw new EntityListException(EntityListFlaw.NotJson, $"{JsonProblem.Reason(e)}, in the entity at byte {_bufferOffset + _start + 1}", e);
            }
            catch (InvalidOperationException e)
            {
                // A name that is not valid UTF-8.
                throw new EntityListException(EntityListFlaw.NotJson, e.Message, e);
            }
        }

        private async Task FillAsync()
        {
            if (_endOfBody)
            {
                return;
            }

            // Keep the unread part of an entity at the front; grow only for an entity larger than the buffer.
            int unread = _end - _start;
            if (_start > 0 || unread == _buffer.Length)
            {
                byte[] target = _buffer;
                if (unread == _buffer.Length)
                {
                    if (_buffer.Length >= _maxEntityBytes)
                    {
                        throw new EntityListException(EntityListFlaw.OtherShape, $"an entity larger than {_maxEntityBytes / 1024 / 1024} MB");
                    }

                    target = new byte[Math.Min(_buffer.Length * 2, _maxEntityBytes)];
                }

                Buffer.BlockCopy(_buffer, _start, target, 0, unread);
                _bufferOffset += _start;
                _scanned -= _start;
                _buffer = target;
                _start = 0;
                _end = unread;
            }

            int read = await _body.ReadAsync(_buffer, _end, _buffer.Length - _end).ConfigureAwait(false);
            _end += read;
            _endOfBody = read == 0;
        }
    }
}
