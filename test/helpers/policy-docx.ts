import { Document, HeadingLevel, Packer, Paragraph } from 'docx';

/**
 * A fictional policy as a DOCX file (three or four headed sections), for the document administration tests:
 * `season` changes the maintenance rule between versions, `withRegister` adds a section.
 */
export async function policyDocx(season: string, withRegister: boolean): Promise<Buffer> {
  const rule = (title: string, text: string) => [new Paragraph({ text: title, heading: HeadingLevel.HEADING_2 }), new Paragraph({ text })];
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Directive fictive sur les lanternes du phare', heading: HeadingLevel.HEADING_1 }),
          ...rule('Prudence', 'Les lanternes fictives du phare sont allumées avec prudence par le personnel désigné du service maritime.'),
          ...rule('Entretien', `Les mèches des lanternes fictives du phare sont changées chaque ${season} par une équipe formée à cette tâche.`),
          ...(withRegister ? rule('Registre', 'Chaque allumage des lanternes fictives est inscrit au registre du phare par la gardienne.') : []),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
