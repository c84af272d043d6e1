// History is not inconsistency: recitals cite earlier revisions on purpose.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { citingText, serviceWith } from './citationFixtures';

const URI = 'file:///test/history.reso';

function codes(text: string): string[] {
  const service = serviceWith({ [URI]: text });
  return service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')).map((d) => `${d.code} ${text.slice(d.start, d.end)}`);
}

const dated = (recital: string): string => citingText(recital, { date: '2018-10-01' });

/** Resolution `number` of PP-18, citing what `recital` says. */
function ownText(number: string, recital: string): string {
  return citingText(recital).replace('RESOLUTION 999', `RESOLUTION ${number}`).replace('(DUBAI, 2018)', '(REV. DUBAI, 2018)');
}

describe('history is not inconsistency', () => {
  it('a list of one resolution\'s revisions', () => {
    const text = dated('a) Resolutions 125 (Rev. Busan, 2014), 125 (Rev. Guadalajara, 2010), 125 (Rev. Antalya, 2006) and 125 (Marrakesh, 2002), on assistance and support to Palestine;\nb) Resolution 140 (Rev. Dubai, 2018) of this conference;\nc) Resolutions 140 (Rev. Busan, 2014) and 140 (Rev. Guadalajara, 2010),');
    assert.deepEqual(codes(text).filter((c) => /inconsistent|superseded/.test(c)), []);
  });

  it('a text citing its own predecessor', () => {
    const text = ownText('140', 'a) Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference, which this text revises;\nb) Resolution 140 (Rev. Dubai, 2018) of this conference,');
    assert.deepEqual(codes(text).filter((c) => /inconsistent|superseded/.test(c)), []);
    // Another resolution citing the same old revision is told.
    assert.deepEqual(codes(ownText('141', 'Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference,')), ['citation.superseded Resolution 140 (Rev. Busan, 2014)']);
  });

  it('a citation in plainly historical wording', () => {
    for (const recital of [
      'that no budget was allocated to accompany Resolution 140 (Rev. Busan, 2014),',
      'that Resolution 140 (Rev. Busan, 2014) has only been partially implemented,',
      'that, hence, Resolution 52 (Rev. Dubai, 2012) has only been partially implemented,',
      'the work done under the previous text, Resolution 52 (Rev. Dubai, 2012),',
    ]) {
      assert.deepEqual(codes(dated(`a) ${recital.replace(/,$/, ';')}\nb) Resolution 140 (Rev. Dubai, 2018) of this conference;\nc) Resolution 52 (Rev. Hammamet, 2016),`)).filter((c) => /inconsistent|superseded/.test(c)), [], recital);
    }
  });

  it('a real slip in a recital that describes the current text is still caught', () => {
    const text = dated('a) Resolution 52 (Rev. Hammamet, 2016), on countering spam;\nb) Resolution 52 (Rev. Hammamet, 2016);\nc) Resolution 52 (Rev. Dubai, 2012), on countering and combating spam;\nd) Resolution 52 (Rev. Hammamet, 2016);\ne) Resolution 52 (Rev. Hammamet, 2016),');
    assert.deepEqual(codes(text), ['citation.superseded Resolution 52 (Rev. Dubai, 2012)', 'citation.inconsistent Resolution 52 (Rev. Dubai, 2012)']);
  });

  it('through the command line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-history-'));
    const file = join(folder, 'history.reso');
    writeFileSync(file, ownText('125', 'a) Resolutions 125 (Rev. Busan, 2014), 125 (Rev. Guadalajara, 2010) and 125 (Marrakesh, 2002);\nb) that no budget was allocated to accompany Resolution 52 (Rev. Dubai, 2012),'));
    let out = '';
    assert.equal(main(['check', file], { out: (t) => (out += t), err: () => undefined }), 0);
    assert.doesNotMatch(out, /inconsistent|superseded/);
  });
});
