import { reliability } from '../../../src/nlu/calibrate';
import { reliabilitySvg } from '../../../src/nlu/calibrationReport';

describe('reliabilitySvg', () => {
  const { bins } = reliability([
    { probability: 0.05, right: false },
    { probability: 0.95, right: true },
    { probability: 0.92, right: true },
    { probability: 0.55, right: false },
  ]);
  const svg = reliabilitySvg(bins, 'held out <both>');

  it('draws one dot per bin with messages, titled with its figures', () => {
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('<title>0.9–1.0: 2 messages, predicted 0.94, right 1.00</title>');
  });

  it('draws the diagonal of a perfect calibration and escapes the title', () => {
    expect(svg).toMatch(/<line x1="52" y1="372" x2="404" y2="24" stroke="#8c959f" stroke-dasharray="5 4"\/>/);
    expect(svg).toContain('held out &lt;both&gt;');
  });
});
