import { EventDto } from './dto/event.dto';
import { CSV_HEADER, toCsvLine } from './event.mapper';

const event = (fields: Partial<EventDto>): EventDto => ({
  id: 7,
  server_time: '2017-05-06T22:55:15.114568',
  client_time: null,
  event_type: 'heartbeat',
  data: null,
  latitude: null,
  longitude: null,
  session_id: 3,
  tag_ids: '3,8',
  ...fields,
});

describe('toCsvLine', () => {
  it('writes RFC 4180 fields in the header order, quoting what needs it', () => {
    expect(CSV_HEADER).toBe(
      'id,server_time,client_time,event_type,data,latitude,longitude,session_id,tag_ids\r\n',
    );
    expect(toCsvLine(event({ data: 'say "hi", twice\n' }))).toBe(
      '7,2017-05-06T22:55:15.114568,,heartbeat,"say ""hi"", twice\n",,,3,"3,8"\r\n',
    );
  });

  it('defuses spreadsheet formulas in client text, but keeps negative coordinates numbers', () => {
    const line = toCsvLine(
      event({
        data: '=HYPERLINK("http://x","y")',
        event_type: '@SUM(A1)',
        latitude: '-12.5',
        longitude: '-0.1e3',
      }),
    );
    expect(line).toBe(
      `7,2017-05-06T22:55:15.114568,,'@SUM(A1),"'=HYPERLINK(""http://x"",""y"")",-12.5,-0.1e3,3,"3,8"\r\n`,
    );
    expect(toCsvLine(event({ data: '-1+1' }))).toContain(",'-1+1,");
    expect(toCsvLine(event({ data: '+31 20 555 0100' }))).toContain(",'+31 20 555 0100,");
    expect(toCsvLine(event({ data: '\tcmd' }))).toContain(",'\tcmd,");
  });
});
