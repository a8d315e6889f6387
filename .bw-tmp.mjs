import bwip from 'bwip-js/node'
const a = bwip.toSVG({ bcid: 'code128', text: '文', height: 10 })
const b = bwip.toSVG({ bcid: 'code128', text: Buffer.from('文','utf8').toString('latin1'), height: 10 })
const c = bwip.toSVG({ bcid: 'code128', text: String.fromCharCode('文'.charCodeAt(0) & 0xff), height: 10 })
console.log('utf8-bytes-as-latin1 same:', a === b, ' low-byte same:', a === c)
