// Letters to families: structured content → PDF on demand → citizen inbox and Digital Post.
import type { FastifyPluginAsync } from 'fastify';
import { letterCitizenRoutes, letterStaffRoutes } from './routes.js';

export { letterRows, sendLetters, lettersAbout, eraseLetters, type LetterBlock, type LetterDraft } from './letters.js';
export { renderLetter, danishDate } from './render.js';
export { renderLetterPdf } from './pdf.js';
export {
  drainDigitalPost,
  kombiRequestXml,
  LocalDigitalPost,
  MunicipalDigitalPost,
  Sf1601DigitalPost,
  type DigitalPost,
} from './digital-post.js';

export const letterRoutes: FastifyPluginAsync = async (app) => {
  await app.register(letterCitizenRoutes, { prefix: '/citizen' });
  await app.register(letterStaffRoutes, { prefix: '/staff' });
};
