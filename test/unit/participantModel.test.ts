/** `@ollama` answers with the Ollama model picked in VS Code's Chat view, else with the model in the settings. */
import * as assert from 'node:assert/strict';
import { LM_VENDOR, participantModel } from '../../src/core/lm/participantModel';

describe('the model @ollama uses', () => {
  it('is the picked model when it is one of ours', () => {
    assert.equal(participantModel({ vendor: LM_VENDOR, id: 'llama3.2:latest' }, 'mistral'), 'llama3.2:latest');
  });

  it('is the settings\' model when another vendor\'s model is picked, or none', () => {
    assert.equal(participantModel({ vendor: 'copilot', id: 'gpt-4o' }, 'mistral'), 'mistral');
    assert.equal(participantModel(undefined, 'mistral'), 'mistral');
  });
});
